import type { Outcome } from '../enrolment/grading.js';
import type { BoardEvent, BoardMember, CaseDecided, CaseSuperseded, CaseVoteRecorded } from './board.events.js';

/**
 * pending: waiting for a quorum; deferred: a quorum deferred it and a new round of votes is open;
 * decided: confirmed or amended (the minutes hold the decision); superseded: the enrolment changed
 * after the case opened, and a newer case stands in its place.
 */
export const CASE_STATUSES = ['pending', 'deferred', 'decided', 'superseded'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export type Vote = Omit<CaseVoteRecorded['data'], 'boardId' | 'caseId'>;

export interface BoardCase {
  caseId: string;
  enrolmentId: string;
  learnerId: string;
  courseId: string;
  outcome: Outcome;
  outcomeVersion: number;
  concerns: string[];
  openedAt: string;
  status: CaseStatus;
  /** The current round's votes, one per member (a member's later vote replaces the earlier). */
  votes: Vote[];
  decision: Omit<CaseDecided['data'], 'boardId' | 'caseId' | 'enrolmentId' | 'outcomeVersion'> | null;
  supersession: Pick<CaseSuperseded['data'], 'supersededBy' | 'reason' | 'supersededAt'> | null;
}

export interface Board {
  status: 'constituted';
  boardId: string;
  name: string;
  courseIds: string[];
  members: BoardMember[];
  delegatedAuthority: boolean;
  boundaryMargin: number;
  constitutedAt: string;
  cases: Record<string, BoardCase>;
}

export type BoardState = { status: 'none' } | Board;

export const initialBoardState: BoardState = { status: 'none' };

const withCase = (board: Board, caseId: string, change: (c: BoardCase) => BoardCase): Board => {
  const existing = board.cases[caseId];
  return existing ? { ...board, cases: { ...board.cases, [caseId]: change(existing) } } : board;
};

export const evolveBoard = (state: BoardState, event: BoardEvent): BoardState => {
  if (event.type === 'BoardConstituted') return { status: 'constituted', ...event.data, cases: {} };
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CaseOpened': {
      const { boardId: _board, ...opened } = event.data;
      const opening: BoardCase = { ...opened, status: 'pending', votes: [], decision: null, supersession: null };
      return { ...state, cases: { ...state.cases, [opened.caseId]: opening } };
    }
    case 'CaseVoteRecorded': {
      const { boardId: _board, caseId, ...vote } = event.data;
      return withCase(state, caseId, (c) => ({
        ...c,
        votes: [...c.votes.filter((v) => v.memberId !== vote.memberId), vote],
      }));
    }
    case 'CaseDecided': {
      const { boardId: _board, caseId, enrolmentId: _enrolment, outcomeVersion: _version, ...decision } = event.data;
      // A deferral is a decision to look again: the case reopens for a fresh round of votes.
      if (decision.decision === 'defer')
        return withCase(state, caseId, (c) => ({ ...c, status: 'deferred', votes: [] }));
      return withCase(state, caseId, (c) => ({ ...c, status: 'decided', decision }));
    }
    case 'CaseSuperseded': {
      const { caseId, supersededBy, reason, supersededAt } = event.data;
      return withCase(state, caseId, (c) => ({
        ...c,
        status: 'superseded',
        supersession: { supersededBy, reason, supersededAt },
      }));
    }
  }
};
