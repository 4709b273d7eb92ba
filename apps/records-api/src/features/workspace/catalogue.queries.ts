import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CourseState, Defined, Enrolment, IssuedAward, LearnerState } from '#domain';
import { COLLECTIONS, enrolmentsOfCourse, LISTED, WORKSPACE_COLLECTIONS, type ReadModelStore } from '#projections';
import type { CourseMonitoring, CourseView, LearnerProfile } from '#contracts';
import type { PersonalDataVault } from '#personal-data';
import { PERSONAL_DATA_VAULT, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { PersonalDataReader } from '../../personal-data/personal-data-reader.js';
import { courseView } from '../learners/views.js';
import { courseMonitoring } from './course-monitoring.js';

/** Sorts after any text key (the largest code point). */
const END_OF_KEYS = '\u{10ffff}';
const MAX_COURSES = 500;

/** Names opened at query time; an erased learner shows "[erased]", email null, `erased: true`. */
export type LearnerSummary = LearnerProfile;

export class ListCoursesQuery extends Query<CourseView[]> {}

export class GetCourseMonitoringQuery extends Query<CourseMonitoring & { course: CourseView }> {
  constructor(
    readonly courseId: string,
    readonly now: Date,
  ) {
    super();
  }
}

export class ListLearnersQuery extends Query<LearnerSummary[]> {
  constructor(readonly search: string | undefined) {
    super();
  }
}

const withoutStatus = <T extends { status: string }>({ status: _status, ...rest }: T) => rest;

/** Every course, by code. */
@QueryHandler(ListCoursesQuery)
export class ListCoursesHandler implements IQueryHandler<ListCoursesQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async execute(): Promise<CourseView[]> {
    const courses = await this.readModels.findDue<Defined<CourseState>>(
      WORKSPACE_COLLECTIONS.catalogue,
      LISTED,
      END_OF_KEYS,
      MAX_COURSES,
    );
    return courses.map((course) => courseView(withoutStatus(course)));
  }
}

/** Enrolments, completions, pass rate, time to confirmation and moderation coverage of one course. */
@QueryHandler(GetCourseMonitoringQuery)
export class GetCourseMonitoringHandler implements IQueryHandler<GetCourseMonitoringQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async execute({ courseId, now }: GetCourseMonitoringQuery): Promise<CourseMonitoring & { course: CourseView }> {
    const course = await this.readModels.get<Defined<CourseState>>(COLLECTIONS.courses, courseId);
    if (!course) throw new NotFoundException(`course ${courseId} not found`);
    const enrolments = await enrolmentsOfCourse(this.readModels, courseId);
    const awards = await this.awardsOf(courseId, enrolments);
    return { course: courseView(withoutStatus(course)), ...courseMonitoring(enrolments, awards, now) };
  }

  /** Awards are indexed by learner: those of the course's learners who were ever confirmed (or appealed). */
  private async awardsOf(courseId: string, enrolments: readonly Enrolment[]): Promise<IssuedAward[]> {
    const learners = new Set(
      enrolments.filter((e) => e.confirmation !== null || (e.appeals ?? []).length > 0).map((e) => e.learnerId),
    );
    const perLearner = await Promise.all(
      [...learners].map((learnerId) => this.readModels.findByRef<IssuedAward>(COLLECTIONS.awards, learnerId)),
    );
    return perLearner.flat().filter((award) => award.courseId === courseId);
  }
}

/**
 * Learners by family name; `search` matches words anywhere in the name, email or id. The personal-
 * data store's directory finds them through its index (no cap on how many learners there are);
 * the record's own state then says who is erased, as everywhere else.
 */
@QueryHandler(ListLearnersQuery)
export class ListLearnersHandler implements IQueryHandler<ListLearnersQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    private readonly personalData: PersonalDataReader,
  ) {}

  async execute({ search }: ListLearnersQuery): Promise<LearnerSummary[]> {
    const ids = await this.vault.keys.search((search ?? '').split(/\s+/).filter(Boolean));
    const found = await this.readModels.load(COLLECTIONS.learners, ids);
    const learners = ids.flatMap((id) => {
      const learner = found.get(id) as LearnerState | undefined;
      return learner && learner.status !== 'none' ? [learner] : [];
    });
    return this.personalData.learners(learners);
  }
}

export const catalogueQueryHandlers = [ListCoursesHandler, GetCourseMonitoringHandler, ListLearnersHandler];
