import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CaseStatus, ErasedLearner, IssuedAward, RegisteredLearner } from '#domain';
import {
  COLLECTIONS,
  LISTED,
  WORKSPACE_COLLECTIONS,
  type BoardSummary,
  type CaseDocument,
  type ReadModelStore,
} from '#projections';
import { READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { PersonalDataReader, type OpenedAward } from '../../personal-data/personal-data-reader.js';

/** An award as the API shows it: the learner's name opened ("[erased]" and `learnerErased` once erased). */
export type AwardView = Omit<OpenedAward, 'awardId' | 'status'> & { id: string; status: 'issued' | 'revoked' };
export const awardView = ({ awardId, revoked, status: _status, ...award }: OpenedAward): AwardView => ({
  id: awardId,
  status: revoked ? 'revoked' : 'issued',
  revoked,
  ...award,
});

export type CaseView = Omit<CaseDocument, 'caseId' | 'boardName' | 'votes'> & {
  id: string;
  boardName: string;
  /** For the staff: the learner's name (opened at query time) and each voting member's name. */
  learnerName: string;
  votes: (CaseDocument['votes'][number] & { memberName: string })[];
  waitingSeconds: number;
};

const MAX_CASES = 500;
const END_OF_TIME = '9999-12-31';

export class ListCasesQuery extends Query<CaseView[]> {
  constructor(
    readonly status: CaseStatus,
    readonly now: Date,
  ) {
    super();
  }
}

export class ListBoardsQuery extends Query<BoardView[]> {}

/** A standing board as the staff pick it: its courses and members, without its cases. */
export type BoardView = Omit<BoardSummary, 'boardId' | 'status'> & { id: string };

const MAX_BOARDS = 500;
/** Sorts after any board name. */
const END_OF_NAMES = '\u{10ffff}';

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
    const boards = await this.readModels.findDue<BoardSummary>(COLLECTIONS.boards, LISTED, END_OF_NAMES, MAX_BOARDS);
    return boards.map(({ boardId, status: _status, ...board }) => ({ id: boardId, ...board }));
  }
}

/** The board queue, oldest first, with why each case was not confirmed under delegated authority. */
@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly personalData: PersonalDataReader,
  ) {}

  async execute({ status, now }: ListCasesQuery): Promise<CaseView[]> {
    const cases = await this.readModels.findDue<CaseDocument>(COLLECTIONS.cases, status, END_OF_TIME, MAX_CASES);
    const boards = await this.readModels.load(
      COLLECTIONS.boards,
      cases.map((c) => c.boardId),
    );
    const learners = await this.readModels.load(WORKSPACE_COLLECTIONS.learnerDirectory, [
      ...new Set(cases.map((c) => c.learnerId)),
    ]);
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
      };
    });
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
