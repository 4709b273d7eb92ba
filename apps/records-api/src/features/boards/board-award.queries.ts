import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  adjustmentsInForce,
  type CaseStatus,
  type Enrolment,
  type ErasedLearner,
  type IssuedAward,
  type RegisteredLearner,
} from '#domain';
import {
  COLLECTIONS,
  STANDING_BOARD,
  WORKSPACE_COLLECTIONS,
  type BoardSummary,
  type CaseDocument,
  type ReadModelStore,
} from '#projections';
import type { AwardView, BoardView, CaseView } from '#contracts';
import { READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { boardIdsOf, standingBoards } from './standing-boards.js';
import { PersonalDataReader, type OpenedAward } from '../../personal-data/personal-data-reader.js';

export const awardView = ({ awardId, revoked, status: _status, ...award }: OpenedAward): AwardView => ({
  id: awardId,
  status: revoked ? 'revoked' : 'issued',
  revoked,
  ...award,
});

/** An award as an integration sees it: systems that hold award ids from the feed get no personal data. */
export type AwardViewWithoutPersonalData = Omit<AwardView, 'learnerName' | 'learnerErased'>;
export const withoutPersonalData = ({
  learnerName: _name,
  learnerErased: _erased,
  ...award
}: AwardView): AwardViewWithoutPersonalData => award;

const MAX_CASES = 500;
/** A board member's queue is filtered from the oldest cases of every board: this many are read for it. */
const MAX_CASES_SCANNED = 10 * MAX_CASES;
const END_OF_TIME = '9999-12-31';

/** Whose queue: registry staff see every board's cases, a member only their own boards'. */
export interface CaseViewer {
  actor: string;
  role: string;
}

/** Which cases: those of one status, optionally of one board or one course. */
export interface CaseFilter {
  status: CaseStatus;
  boardId?: string | undefined;
  courseId?: string | undefined;
}

export class ListCasesQuery extends Query<CaseView[]> {
  constructor(
    readonly filter: CaseFilter,
    readonly now: Date,
    readonly viewer: CaseViewer,
  ) {
    super();
  }
}

export class ListBoardsQuery extends Query<BoardView[]> {}

const MAX_BOARDS = 500;

export class GetAwardQuery extends Query<AwardView> {
  constructor(readonly awardId: string) {
    super();
  }
}

/** Every standing board, by name. */
@QueryHandler(ListBoardsQuery)
export class ListBoardsHandler implements IQueryHandler<ListBoardsQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async execute(): Promise<BoardView[]> {
    const boards = await this.readModels.findDue<BoardSummary>(
      COLLECTIONS.boards,
      STANDING_BOARD,
      END_OF_TIME,
      MAX_BOARDS,
    );
    return boards
      .map(({ boardId, status: _status, ...board }) => ({ id: boardId, ...board }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** The board queue, oldest first, with why each case was not confirmed under delegated authority. */
@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly personalData: PersonalDataReader,
  ) {}

  async execute({ filter, now, viewer }: ListCasesQuery): Promise<CaseView[]> {
    const cases = await this.casesFor(viewer, filter);
    const boards = await this.readModels.load(
      COLLECTIONS.boards,
      cases.map((c) => c.boardId),
    );
    const learners = await this.readModels.load(WORKSPACE_COLLECTIONS.learnerDirectory, [
      ...new Set(cases.map((c) => c.learnerId)),
    ]);
    const enrolments = await this.readModels.load(
      COLLECTIONS.enrolments,
      cases.map((c) => c.enrolmentId),
    );
    const profiles = await this.personalData.learners([...learners.values()] as (RegisteredLearner | ErasedLearner)[]);
    const names = new Map(profiles.map((p) => [p.id, `${p.givenName} ${p.familyName}`]));
    return cases.map(({ caseId, ...c }) => {
      const board = boards.get(c.boardId) as BoardSummary | undefined;
      const memberName = (memberId: string) => board?.members.find((m) => m.memberId === memberId)?.name ?? memberId;
      return {
        id: caseId,
        ...c,
        learnerName: names.get(c.learnerId) ?? c.learnerId,
        votes: c.votes.map((vote) => ({ ...vote, memberName: memberName(vote.memberId) })),
        boardName: board?.name ?? '',
        waitingSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(c.openedAt)) / 1000)),
        adjustments: adjustmentsInForce((enrolments.get(c.enrolmentId) as Enrolment | undefined) ?? {}),
      };
    });
  }

  /**
   * A board member reads only the cases of boards they sit on; an external examiner, of boards that
   * appointed them. Filtered by board or course, the oldest cases of every board are read to find them.
   */
  private async casesFor(
    { actor, role }: CaseViewer,
    { status, boardId, courseId }: CaseFilter,
  ): Promise<CaseDocument[]> {
    const everyBoard = role === 'registry';
    const filtered = boardId !== undefined || courseId !== undefined;
    const scan = everyBoard && !filtered ? MAX_CASES : MAX_CASES_SCANNED;
    const [cases, boards] = await Promise.all([
      this.readModels.findDue<CaseDocument>(COLLECTIONS.cases, status, END_OF_TIME, scan),
      everyBoard ? [] : standingBoards(this.readModels),
    ]);
    const own = everyBoard ? undefined : boardIdsOf(boards, actor, role === 'examiner' ? ['external'] : undefined);
    return cases
      .filter(
        (c) =>
          (own === undefined || own.has(c.boardId)) &&
          (boardId === undefined || c.boardId === boardId) &&
          (courseId === undefined || c.courseId === courseId),
      )
      .slice(0, MAX_CASES);
  }
}

@QueryHandler(GetAwardQuery)
export class GetAwardHandler implements IQueryHandler<GetAwardQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly personalData: PersonalDataReader,
  ) {}

  async execute({ awardId }: GetAwardQuery): Promise<AwardView> {
    const award = await this.readModels.get<IssuedAward>(COLLECTIONS.awards, awardId);
    if (!award) throw new NotFoundException(`award ${awardId} not found`);
    return awardView(await this.personalData.award(award));
  }
}

export const boardAwardQueryHandlers = [ListBoardsHandler, ListCasesHandler, GetAwardHandler];
