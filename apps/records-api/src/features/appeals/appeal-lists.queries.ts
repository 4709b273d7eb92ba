import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  OPEN_APPEAL_STATUSES,
  toIsoDate,
  type Appeal,
  type AppealStatus,
  type Clock,
  type CourseDefinition,
  type ErasedLearner,
  type RegisteredLearner,
} from '#domain';
import { COLLECTIONS, type ReadModelStore } from '#projections';
import type { AppealQueueItem, LearnerAppealsView } from '#contracts';
import type { AppConfig } from '#runtime';
import { APP_CONFIG, CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { PersonalDataReader } from '../../personal-data/personal-data-reader.js';
import { appealView } from './appeal.queries.js';

const END_OF_TIME = '9999-12-31';
/** The most appeals of one status the queue shows (oldest lodged first). */
const MAX_APPEALS = 500;

/** The registry's queue: appeals of one status, or every open one when none is given. */
export class ListAppealsQuery extends Query<AppealQueueItem[]> {
  constructor(readonly status: AppealStatus | undefined) {
    super();
  }
}

@QueryHandler(ListAppealsQuery)
export class ListAppealsHandler implements IQueryHandler<ListAppealsQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly personalData: PersonalDataReader,
  ) {}

  async execute({ status }: ListAppealsQuery): Promise<AppealQueueItem[]> {
    const statuses = status ? [status] : OPEN_APPEAL_STATUSES;
    const found = await Promise.all(
      statuses.map((s) => this.readModels.findDue<Appeal>(COLLECTIONS.appeals, s, END_OF_TIME, MAX_APPEALS)),
    );
    const appeals = found
      .flat()
      .sort((a, b) => a.lodgedAt.localeCompare(b.lodgedAt))
      .slice(0, MAX_APPEALS);
    const [learners, courses] = await Promise.all([
      this.readModels.load(
        COLLECTIONS.learners,
        appeals.map((a) => a.decision.learnerId),
      ),
      this.readModels.load(
        COLLECTIONS.courses,
        appeals.map((a) => a.decision.courseId),
      ),
    ]);
    const profiles = await this.personalData.learners([...learners.values()] as (RegisteredLearner | ErasedLearner)[]);
    const names = new Map(profiles.map((p) => [p.id, `${p.givenName} ${p.familyName}`]));
    return appeals.map((appeal) => {
      const course = courses.get(appeal.decision.courseId) as CourseDefinition | undefined;
      return {
        ...appealView(appeal),
        learnerName: names.get(appeal.decision.learnerId) ?? appeal.decision.learnerId,
        course: course ? { code: course.code, title: course.title } : null,
      };
    });
  }
}

/** One learner's appeals, with the window their confirmed decisions may be appealed in. */
export class ListLearnerAppealsQuery extends Query<LearnerAppealsView> {
  constructor(readonly learnerId: string) {
    super();
  }
}

@QueryHandler(ListLearnerAppealsQuery)
export class ListLearnerAppealsHandler implements IQueryHandler<ListLearnerAppealsQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ learnerId }: ListLearnerAppealsQuery): Promise<LearnerAppealsView> {
    const appeals = await this.readModels.findByRef<Appeal>(COLLECTIONS.appeals, learnerId);
    return {
      windowDays: this.config.appealWindowDays,
      today: toIsoDate(this.clock.now()),
      appeals: appeals.sort((a, b) => a.lodgedAt.localeCompare(b.lodgedAt)).map(appealView),
    };
  }
}
