import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CaseStatus, IssuedAward } from '#domain';
import { COLLECTIONS, type BoardSummary, type CaseDocument, type ReadModelStore } from '#projections';
import type { AwardView, CaseView } from '#contracts';
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

export class ListCasesQuery extends Query<CaseView[]> {
  constructor(
    readonly status: CaseStatus,
    readonly now: Date,
    readonly viewer: CaseViewer,
  ) {
    super();
  }
}

export class GetAwardQuery extends Query<AwardView> {
  constructor(readonly awardId: string) {
    super();
  }
}

/** The board queue, oldest first, with why each case was not confirmed under delegated authority. */
@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async execute({ status, now, viewer }: ListCasesQuery): Promise<CaseView[]> {
    const cases = await this.casesFor(viewer, status);
    const boards = await this.readModels.load(
      COLLECTIONS.boards,
      cases.map((c) => c.boardId),
    );
    return cases.map(({ caseId, ...c }) => ({
      id: caseId,
      ...c,
      boardName: (boards.get(c.boardId) as BoardSummary | undefined)?.name ?? '',
      waitingSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(c.openedAt)) / 1000)),
    }));
  }

  /** A board member reads only the cases of boards they sit on; an external examiner, of boards that appointed them. */
  private async casesFor({ actor, role }: CaseViewer, status: CaseStatus): Promise<CaseDocument[]> {
    if (role === 'registry') return this.readModels.findDue(COLLECTIONS.cases, status, END_OF_TIME, MAX_CASES);
    const [cases, boards] = await Promise.all([
      this.readModels.findDue<CaseDocument>(COLLECTIONS.cases, status, END_OF_TIME, MAX_CASES_SCANNED),
      standingBoards(this.readModels),
    ]);
    const own = boardIdsOf(boards, actor, role === 'examiner' ? ['external'] : undefined);
    return cases.filter((c) => own.has(c.boardId)).slice(0, MAX_CASES);
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

export const boardAwardQueryHandlers = [ListCasesHandler, GetAwardHandler];
