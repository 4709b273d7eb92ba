import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  adjustmentsInForce,
  type Attempt,
  type CourseState,
  type Defined,
  type Enrolment,
  type EnrolmentState,
} from '#domain';
import {
  COLLECTIONS,
  enrolmentsAwaitingMark,
  LISTED,
  unmarkedAttempts,
  WORKSPACE_COLLECTIONS,
  type MarkingItem,
  type ReadModelStore,
} from '#projections';
import type { MarkingQueueItem, ModerationResults } from '#contracts';
import { READ_MODEL_STORE } from '../../infrastructure/tokens.js';

const QUEUE_LIMIT = 200;
const END_OF_TIME = '9999-12-31';
/** Sorts after any course code. */
const END_OF_KEYS = '\u{10ffff}';
const MAX_COURSES = 500;

export class ListMarkingQueueQuery extends Query<MarkingQueueItem[]> {
  constructor(
    readonly now: Date,
    /** A tutor sees only the courses they are assigned to; the registry (undefined) sees all. */
    readonly tutorId: string | undefined,
    readonly courseId?: string,
  ) {
    super();
  }
}

export class ListModerationQueueQuery extends Query<MarkingQueueItem[]> {
  constructor(readonly now: Date) {
    super();
  }
}

export class GetModerationResultsQuery extends Query<ModerationResults> {
  constructor(
    readonly markerId: string,
    readonly now: Date,
  ) {
    super();
  }
}

/** Joins marking items with their enrolment (component titles, course) for display. */
class MarkingReader {
  constructor(protected readonly readModels: ReadModelStore) {}

  protected async describe(
    items: MarkingItem[],
    now: Date,
    since: (item: MarkingItem) => string | null,
  ): Promise<MarkingQueueItem[]> {
    const enrolments = await this.readModels.load(
      COLLECTIONS.enrolments,
      items.map((i) => i.enrolmentId),
    );
    const courseIds = [...enrolments.values()].map((e) => (e as Defined<EnrolmentState>).courseId);
    const courses = await this.readModels.load(COLLECTIONS.courses, courseIds);
    return items.flatMap((item) => {
      const enrolment = enrolments.get(item.enrolmentId) as Defined<EnrolmentState> | undefined;
      if (!enrolment) return [];
      const course = courses.get(enrolment.courseId) as Defined<CourseState> | undefined;
      const waitingFrom = since(item);
      return [
        {
          enrolmentId: item.enrolmentId,
          componentId: item.componentId,
          componentTitle: enrolment.scheme.components.find((c) => c.id === item.componentId)?.title ?? item.componentId,
          attempt: item.attempt,
          course: course ? { id: course.courseId, code: course.code, title: course.title } : null,
          enrolmentStatus: enrolment.status,
          submittedAt: item.submittedAt,
          waitingSeconds: waitingFrom ? Math.max(0, Math.round((now.getTime() - Date.parse(waitingFrom)) / 1000)) : 0,
          status: item.status,
          markerId: item.markerId,
          mark: item.mark,
          markersMark: item.markersMark,
          markedAt: item.markedAt,
          samplingReason: item.samplingReason,
          moderation: item.moderation,
          adjustments: adjustmentsInForce(enrolment),
        },
      ];
    });
  }
}

const waitingItem = (
  e: Enrolment,
  course: Defined<CourseState>,
  componentId: string,
  attempt: Attempt,
  now: Date,
): MarkingQueueItem => ({
  enrolmentId: e.enrolmentId,
  componentId,
  componentTitle: e.scheme.components.find((c) => c.id === componentId)?.title ?? componentId,
  attempt: attempt.attempt,
  course: { id: course.courseId, code: course.code, title: course.title },
  enrolmentStatus: e.status,
  submittedAt: attempt.submittedAt,
  waitingSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(attempt.submittedAt)) / 1000)),
  status: 'awaiting-mark',
  markerId: null,
  mark: null,
  markersMark: null,
  markedAt: null,
  samplingReason: null,
  moderation: null,
  adjustments: adjustmentsInForce(e),
});

/**
 * Submissions waiting for a mark, oldest first. A tutor sees the courses they are assigned to
 * (only they may mark them), read course by course so another course's backlog cannot crowd
 * theirs out; `courseId` narrows it to one course. The registry sees every course.
 */
@QueryHandler(ListMarkingQueueQuery)
export class ListMarkingQueueHandler extends MarkingReader implements IQueryHandler<ListMarkingQueueQuery> {
  constructor(@Inject(READ_MODEL_STORE) readModels: ReadModelStore) {
    super(readModels);
  }

  async execute({ now, tutorId, courseId }: ListMarkingQueueQuery): Promise<MarkingQueueItem[]> {
    if (tutorId === undefined && courseId === undefined) {
      const waiting = await this.readModels.findDue<MarkingItem>(
        WORKSPACE_COLLECTIONS.marking,
        'awaiting-mark',
        END_OF_TIME,
        QUEUE_LIMIT,
      );
      // Work of a learner deemed withdrawn is not marked: the enrolment has closed.
      return (await this.describe(waiting, now, (item) => item.submittedAt)).filter(
        (i) => i.enrolmentStatus !== 'withdrawn',
      );
    }
    const courses = courseId
      ? [await this.readModels.get<Defined<CourseState>>(COLLECTIONS.courses, courseId)].filter((c) => c !== undefined)
      : await this.readModels.findDue<Defined<CourseState>>(
          WORKSPACE_COLLECTIONS.catalogue,
          LISTED,
          END_OF_KEYS,
          MAX_COURSES,
        );
    // Documents projected before tutor assignment existed have no list: nobody is assigned.
    const mine = courses.filter((c) => tutorId === undefined || (c.tutorIds ?? []).includes(tutorId));
    const perCourse = await Promise.all(
      mine.map(async (course) => {
        const enrolments = await enrolmentsAwaitingMark(this.readModels, course.courseId, END_OF_TIME, QUEUE_LIMIT);
        return enrolments.flatMap((e) =>
          unmarkedAttempts(e).map(({ componentId, attempt }) => waitingItem(e, course, componentId, attempt, now)),
        );
      }),
    );
    return perCourse
      .flat()
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.enrolmentId.localeCompare(b.enrolmentId))
      .slice(0, QUEUE_LIMIT);
  }
}

/** Marks sampled for moderation and waiting for a moderator, longest waiting first. */
@QueryHandler(ListModerationQueueQuery)
export class ListModerationQueueHandler extends MarkingReader implements IQueryHandler<ListModerationQueueQuery> {
  constructor(@Inject(READ_MODEL_STORE) readModels: ReadModelStore) {
    super(readModels);
  }

  async execute({ now }: ListModerationQueueQuery): Promise<MarkingQueueItem[]> {
    const sampled = await this.readModels.findDue<MarkingItem>(
      WORKSPACE_COLLECTIONS.marking,
      'sampled',
      END_OF_TIME,
      QUEUE_LIMIT,
    );
    return this.describe(sampled, now, (item) => item.markedAt);
  }
}

/** A marker's own marks that were sampled, and what moderation made of them. */
@QueryHandler(GetModerationResultsQuery)
export class GetModerationResultsHandler extends MarkingReader implements IQueryHandler<GetModerationResultsQuery> {
  constructor(@Inject(READ_MODEL_STORE) readModels: ReadModelStore) {
    super(readModels);
  }

  async execute({ markerId, now }: GetModerationResultsQuery): Promise<ModerationResults> {
    const marked = await this.readModels.findByRef<MarkingItem>(WORKSPACE_COLLECTIONS.marking, markerId);
    const sampled = marked
      .filter((i) => i.samplingReason !== null && (i.status === 'sampled' || i.status === 'moderated'))
      .sort((a, b) => (b.markedAt ?? '').localeCompare(a.markedAt ?? ''))
      .slice(0, QUEUE_LIMIT);
    return {
      markerId,
      summary: {
        marked: marked.length,
        sampled: sampled.length,
        awaitingModerator: sampled.filter((i) => i.status === 'sampled').length,
        agreed: sampled.filter((i) => i.moderation?.decision === 'agreed').length,
        adjusted: sampled.filter((i) => i.moderation?.decision === 'adjusted').length,
      },
      items: await this.describe(sampled, now, (item) => item.markedAt),
    };
  }
}

export const markingQueryHandlers = [ListMarkingQueueHandler, ListModerationQueueHandler, GetModerationResultsHandler];
