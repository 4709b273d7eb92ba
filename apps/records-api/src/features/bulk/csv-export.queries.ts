import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CourseState, ErasedLearner, RegisteredLearner } from '#domain';
import {
  COLLECTIONS,
  enrolmentsOfCourse,
  WORKSPACE_COLLECTIONS,
  type CaseDocument,
  type ReadModelStore,
} from '#projections';
import { READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import type { LearnerProfile } from '#contracts';
import { PersonalDataReader } from '../../personal-data/personal-data-reader.js';
import { markSheet, minutesSheet, type Sheet } from './csv-sheets.js';

/** Decided cases read for a board's minutes (the queue's own bound). */
const MAX_MINUTES = 5000;
const END_OF_TIME = '9999-12-31';

export class CourseMarkSheetQuery extends Query<Sheet> {
  constructor(readonly courseId: string) {
    super();
  }
}

export class BoardMinutesQuery extends Query<Sheet> {
  constructor(readonly boardId: string) {
    super();
  }
}

/** Learners' names opened at query time ("[erased]" once erased), by id. */
const profilesOf = async (
  readModels: ReadModelStore,
  personalData: PersonalDataReader,
  learnerIds: readonly string[],
): Promise<Map<string, LearnerProfile>> => {
  const learners = await readModels.load(WORKSPACE_COLLECTIONS.learnerDirectory, [...new Set(learnerIds)]);
  const found = [...learners.values()] as (RegisteredLearner | ErasedLearner)[];
  return new Map((await personalData.learners(found)).map((profile) => [profile.id, profile]));
};

@QueryHandler(CourseMarkSheetQuery)
export class CourseMarkSheetHandler implements IQueryHandler<CourseMarkSheetQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly personalData: PersonalDataReader,
  ) {}

  async execute({ courseId }: CourseMarkSheetQuery): Promise<Sheet> {
    if (!(await this.readModels.get<CourseState>(COLLECTIONS.courses, courseId)))
      throw new NotFoundException(`course ${courseId} not found`);
    const enrolments = await enrolmentsOfCourse(this.readModels, courseId);
    const learners = await profilesOf(
      this.readModels,
      this.personalData,
      enrolments.map((e) => e.learnerId),
    );
    return markSheet(enrolments, learners);
  }
}

@QueryHandler(BoardMinutesQuery)
export class BoardMinutesHandler implements IQueryHandler<BoardMinutesQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly personalData: PersonalDataReader,
  ) {}

  async execute({ boardId }: BoardMinutesQuery): Promise<Sheet> {
    if (!(await this.readModels.get(COLLECTIONS.boards, boardId)))
      throw new NotFoundException(`board ${boardId} not found`);
    const decided = (
      await this.readModels.findDue<CaseDocument>(COLLECTIONS.cases, 'decided', END_OF_TIME, MAX_MINUTES)
    ).filter((c) => c.boardId === boardId);
    const learners = await profilesOf(
      this.readModels,
      this.personalData,
      decided.map((c) => c.learnerId),
    );
    const names = new Map([...learners].map(([id, p]) => [id, `${p.givenName} ${p.familyName}`]));
    return minutesSheet(decided, names);
  }
}

export const csvExportQueryHandlers = [CourseMarkSheetHandler, BoardMinutesHandler];
