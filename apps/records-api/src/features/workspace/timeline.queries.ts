import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { categoryOf, type Defined, type EnrolmentState, type IssuedAward, streams } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { COLLECTIONS, type ReadModelStore } from '#projections';
import { revealEventData } from '#personal-data';
import type { LearnerTimeline, TimelineEntry } from '#contracts';
import { EVENT_STORE, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { PersonalDataReader } from '../../personal-data/personal-data-reader.js';
import { learnersOwnEventData } from '../learners/views.js';

export class GetLearnerTimelineQuery extends Query<LearnerTimeline> {
  constructor(
    readonly learnerId: string,
    readonly audience: 'staff' | 'learner',
  ) {
    super();
  }
}

const entry = (event: RecordedEvent, audience: GetLearnerTimelineQuery['audience']): TimelineEntry => ({
  id: event.id,
  position: event.position,
  stream: event.streamId,
  category: categoryOf(event.streamId),
  type: event.type,
  occurredAt: event.metadata.occurredAt,
  role: event.metadata.role,
  ...(audience === 'staff' ? { actor: event.metadata.actor } : {}),
  data: audience === 'staff' ? event.data : learnersOwnEventData(event.type, event.data),
});

/**
 * Everything that happened to one learner, in log order: their registration, each enrolment's
 * events, their awards and their credit ledger. Read from the log itself, one stream at a time.
 */
@QueryHandler(GetLearnerTimelineQuery)
export class GetLearnerTimelineHandler implements IQueryHandler<GetLearnerTimelineQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly personalData: PersonalDataReader,
  ) {}

  async execute({ learnerId, audience }: GetLearnerTimelineQuery): Promise<LearnerTimeline> {
    const registration = await this.store.read(streams.learner(learnerId));
    if (registration.length === 0) throw new NotFoundException(`learner ${learnerId} not found`);
    const [enrolments, awards] = await Promise.all([
      this.readModels.findByRef<Defined<EnrolmentState>>(COLLECTIONS.enrolments, learnerId),
      this.readModels.findByRef<IssuedAward>(COLLECTIONS.awards, learnerId),
    ]);
    const others = await Promise.all([
      ...enrolments.map((e) => this.store.read(streams.enrolment(e.enrolmentId))),
      ...awards.map((a) => this.store.read(streams.award(a.awardId))),
      this.store.read(streams.ledger(learnerId)),
    ]);
    const events = [...registration, ...others.flat()].sort((a, b) => a.position - b.position);
    // Names and email are stored sealed: opened here for the learner and staff ("[erased]" once erased).
    const personal = await this.personalData.opener(learnerId);
    const opened = events.map((event) => ({ ...event, data: revealEventData(personal, event.type, event.data) }));
    return { learnerId, events: opened.map((event) => entry(event, audience)) };
  }
}
