import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  type Clock,
  type Defined,
  type EnrolmentState,
  type IssuedAward,
  type LearnerState,
  type OutcomeConfirmed,
  streams,
} from '#domain';
import type { EventMetadata, EventStore, RecordedEvent } from '#event-store';
import { COLLECTIONS, type CaseDocument, type DocumentReader, type ReadModelStore } from '#projections';
import { revealEventData, type PersonalDataOpener } from '#personal-data';
import { CredentialIssuer, type SignedCredential } from '../credentials/credential-issuer.service.js';
import { CLOCK, EVENT_STORE, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { learnerProfile, PersonalDataReader, type LearnerProfile } from '../../personal-data/personal-data-reader.js';
import { GetLearnerRecordHandler } from './record.queries.js';
import type { LearnerRecordView } from './views.js';

export interface ExportedEvent {
  id: string;
  type: string;
  streamVersion: number;
  position: number;
  recordedAt: string;
  /** Personal data opened, or "[erased]". */
  data: unknown;
  metadata: Partial<EventMetadata>;
}

/** A subject-access export: everything held on one learner, as JSON. */
export interface LearnerExport {
  exportedAt: string;
  learner: LearnerProfile;
  /** Why and by whom the learner's personal data was erased, once it was. */
  erasure: { reason: string; erasedBy: string; erasedAt: string } | null;
  /** How their personal data is held: sealed under a key of their own, until the key is destroyed. */
  personalDataKey: PersonalDataOpener['keyState'];
  /** The read models' view: enrolments, awards, credits and ledger. */
  record: LearnerRecordView;
  /** The credentials issued for their awards (a revoked one shows in the revocation list). */
  credentials: (SignedCredential & { awardId: string; status: 'issued' | 'revoked' })[];
  /** Every event on the streams about them, in stream order, with metadata. */
  streams: { streamId: string; events: ExportedEvent[] }[];
}

export class GetLearnerExportQuery extends Query<LearnerExport> {
  constructor(
    readonly learnerId: string,
    /** A learner reading their own export does not see which staff member did what (the role stays). */
    readonly audience: 'staff' | 'learner',
  ) {
    super();
  }
}

/** Undecided cases are found through the queue's read model: this many of each status at most. */
const OPEN_CASES_SCAN = 10_000;
const END_OF_TIME = '9999-12-31';

@QueryHandler(GetLearnerExportQuery)
export class GetLearnerExportHandler implements IQueryHandler<GetLearnerExportQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly records: GetLearnerRecordHandler,
    private readonly personalData: PersonalDataReader,
    private readonly credentials: CredentialIssuer,
  ) {}

  async execute({ learnerId, audience }: GetLearnerExportQuery): Promise<LearnerExport> {
    // The read models from one snapshot, so the record, the credentials and the streams listed agree.
    const held = await this.readModels.snapshot(async (reads) => {
      const learner = await reads.get<Defined<LearnerState>>(COLLECTIONS.learners, learnerId);
      if (!learner) throw new NotFoundException(`learner ${learnerId} not found`);
      const awards = await reads.findByRef<IssuedAward>(COLLECTIONS.awards, learnerId);
      return {
        learner,
        record: await this.records.recordOf(reads, learnerId),
        awards,
        streamIds: await this.streamIdsAbout(reads, learnerId, awards),
      };
    });
    const { learner, record, awards } = held;
    const personal = await this.personalData.opener(learnerId);
    const credentials = [];
    for (const award of awards)
      credentials.push({
        awardId: award.awardId,
        status: award.revoked ? ('revoked' as const) : ('issued' as const),
        ...(await this.credentials.achievementCredential(award)),
      });
    const exported = (event: RecordedEvent): ExportedEvent => ({
      id: event.id,
      type: event.type,
      streamVersion: event.streamVersion,
      position: event.position,
      recordedAt: event.recordedAt,
      data: revealEventData(personal, event.type, event.data),
      metadata:
        audience === 'learner' && event.metadata.actor !== learnerId ? withoutActor(event.metadata) : event.metadata,
    });
    return {
      exportedAt: this.clock.now().toISOString(),
      learner: learnerProfile(learner, personal),
      erasure:
        learner.status === 'erased'
          ? { reason: learner.reason, erasedBy: learner.erasedBy, erasedAt: learner.erasedAt }
          : null,
      personalDataKey: personal.keyState,
      record,
      credentials,
      streams: (await this.streamsAbout(held.streamIds)).map(({ streamId, events }) => ({
        streamId,
        events: events.map(exported),
      })),
    };
  }

  /** The learner's own streams, their enrolments' and awards', and the open board cases about them. */
  private async streamIdsAbout(reads: DocumentReader, learnerId: string, awards: IssuedAward[]): Promise<string[]> {
    const enrolments = await reads.findByRef<Defined<EnrolmentState>>(COLLECTIONS.enrolments, learnerId);
    const ids = [
      streams.learner(learnerId),
      streams.ledger(learnerId),
      ...enrolments.map((e) => streams.enrolment(e.enrolmentId)),
      ...awards.map((a) => streams.award(a.awardId)),
    ];
    for (const status of ['pending', 'deferred'])
      for (const open of await reads.findDue<CaseDocument>(COLLECTIONS.cases, status, END_OF_TIME, OPEN_CASES_SCAN))
        if (open.learnerId === learnerId) ids.push(streams.boardCase(open.boardId, open.caseId));
    return ids;
  }

  /** The events of those streams, and of the board cases that confirmed their outcomes. */
  private async streamsAbout(ids: readonly string[]): Promise<{ streamId: string; events: RecordedEvent[] }[]> {
    const read = await Promise.all(
      ids.map(async (streamId) => ({ streamId, events: await this.store.read(streamId) })),
    );
    const cases = new Set<string>();
    for (const { events } of read)
      for (const event of events)
        if (event.type === 'OutcomeConfirmed') {
          const { boardId, caseId } = (event as unknown as OutcomeConfirmed).data;
          cases.add(streams.boardCase(boardId, caseId));
        }
    for (const id of ids) cases.delete(id); // an open case listed already
    const caseStreams = await Promise.all(
      [...cases].map(async (streamId) => ({ streamId, events: await this.store.read(streamId) })),
    );
    return [...read, ...caseStreams].filter(({ events }) => events.length > 0);
  }
}

const withoutActor = ({ actor: _actor, ...metadata }: EventMetadata): Partial<EventMetadata> => metadata;
