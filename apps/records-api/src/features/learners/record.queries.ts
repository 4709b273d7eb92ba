import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Clock, CourseState, Defined, EnrolmentState, IssuedAward, LearnerState } from '#domain';
import { awardView, type AwardView } from '../boards/board-award.queries.js';
import { COLLECTIONS, type DocumentReader, type ReadModelStore } from '#projections';
import { CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { currentLedger, ledgerView } from '../ledger/ledger.queries.js';
import { learnerProfile, PersonalDataReader } from '../../personal-data/personal-data-reader.js';
import { courseView, enrolmentView, type CourseView, type EnrolmentView, type LearnerRecordView } from './views.js';

export class GetCourseQuery extends Query<CourseView> {
  constructor(readonly courseId: string) {
    super();
  }
}

export class GetEnrolmentQuery extends Query<EnrolmentView> {
  constructor(readonly enrolmentId: string) {
    super();
  }
}

export class GetLearnerRecordQuery extends Query<LearnerRecordView> {
  constructor(readonly learnerId: string) {
    super();
  }
}

/** Reads documents of the record projections; every query is one or two indexed lookups. */
class RecordReader {
  constructor(protected readonly readModels: ReadModelStore) {}

  protected async course(courseId: string): Promise<Defined<CourseState> | undefined> {
    return this.readModels.get<Defined<CourseState>>(COLLECTIONS.courses, courseId);
  }

  protected async enrolmentViews(
    enrolments: Defined<EnrolmentState>[],
    reads: DocumentReader = this.readModels,
  ): Promise<EnrolmentView[]> {
    const courses = await reads.load(
      COLLECTIONS.courses,
      enrolments.map((e) => e.courseId),
    );
    return enrolments.map((e) => enrolmentView(e, courses.get(e.courseId) as Defined<CourseState> | undefined));
  }
}

@QueryHandler(GetCourseQuery)
export class GetCourseHandler extends RecordReader implements IQueryHandler<GetCourseQuery> {
  constructor(@Inject(READ_MODEL_STORE) readModels: ReadModelStore) {
    super(readModels);
  }

  async execute({ courseId }: GetCourseQuery): Promise<CourseView> {
    const course = await this.course(courseId);
    if (!course) throw new NotFoundException(`course ${courseId} not found`);
    return courseView(course);
  }
}

@QueryHandler(GetEnrolmentQuery)
export class GetEnrolmentHandler extends RecordReader implements IQueryHandler<GetEnrolmentQuery> {
  constructor(@Inject(READ_MODEL_STORE) readModels: ReadModelStore) {
    super(readModels);
  }

  async execute({ enrolmentId }: GetEnrolmentQuery): Promise<EnrolmentView> {
    const enrolment = await this.readModels.get<Defined<EnrolmentState>>(COLLECTIONS.enrolments, enrolmentId);
    if (!enrolment) throw new NotFoundException(`enrolment ${enrolmentId} not found`);
    const [view] = await this.enrolmentViews([enrolment]);
    return view!;
  }
}

@QueryHandler(GetLearnerRecordQuery)
export class GetLearnerRecordHandler extends RecordReader implements IQueryHandler<GetLearnerRecordQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly personalData: PersonalDataReader,
  ) {
    super(readModels);
  }

  /** Read from one snapshot: an award never shows beside its enrolment's unconfirmed outcome. */
  execute({ learnerId }: GetLearnerRecordQuery): Promise<LearnerRecordView> {
    return this.readModels.snapshot((reads) => this.recordOf(reads, learnerId));
  }

  /** The record as `reads` shows it; a caller reading more beside it passes its own snapshot. */
  async recordOf(reads: DocumentReader, learnerId: string): Promise<LearnerRecordView> {
    const learner = await reads.get<Defined<LearnerState>>(COLLECTIONS.learners, learnerId);
    if (!learner) throw new NotFoundException(`learner ${learnerId} not found`);
    const enrolments = await reads.findByRef<Defined<EnrolmentState>>(COLLECTIONS.enrolments, learnerId);
    enrolments.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.enrolmentId.localeCompare(b.enrolmentId));
    const personal = await this.personalData.opener(learnerId);
    const issued = await reads.findByRef<IssuedAward>(COLLECTIONS.awards, learnerId);
    const awards: AwardView[] = [];
    for (const award of issued) awards.push(awardView(await this.personalData.award(award, personal)));
    const standing = awards.filter((a) => a.status === 'issued');
    return {
      learner: learnerProfile(learner, personal),
      enrolments: await this.enrolmentViews(enrolments, reads),
      awards,
      credits: {
        cats: standing.reduce((sum, a) => sum + a.credits.cats, 0),
        ects: standing.reduce((sum, a) => sum + a.credits.ects, 0),
      },
      ledger: ledgerView(await currentLedger(reads, this.clock, learnerId)),
    };
  }
}

export const queryHandlers = [GetCourseHandler, GetEnrolmentHandler, GetLearnerRecordHandler];
