import type { Outcome } from '../enrolment/grading.js';
import type { BoardEvent, BoardMember, CaseDecided, CaseOpened, CaseVoteRecorded } from './board.events.js';

/**
 * pending: waiting for a quorum; deferred: a quorum deferred it and a new round of votes is open;
 * decided: confirmed or amended (the minutes hold the decision).
 */
export type CaseStatus = 'pending' | 'deferred' | 'decided';

export type Vote = Omit<CaseVoteRecorded['data'], 'boardId' | 'caseId'>;

export interface BoardCase {
  caseId: string;
  enrolmentId: string;
  learnerId: string;
  courseId: string;
  outcome: Outcome;
  concerns: string[];
  openedAt: string;
  status: CaseStatus;
  /** The current round's votes, one per member (a member's later vote replaces the earlier). */
  votes: Vote[];
  decision: Omit<CaseDecided['data'], 'boardId' | 'caseId' | 'enrolmentId'> | null;
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

export type CaseEvent = CaseOpened | CaseVoteRecorded | CaseDecided;

/**
 * One case's fold, shared by the board's minutes and the case queue so the two cannot disagree.
 * A vote or decision changes a case already opened; `undefined` stays `undefined`.
 */
export const evolveCase = (current: BoardCase | undefined, event: CaseEvent): BoardCase | undefined => {
  if (event.type === 'CaseOpened') {
    const { boardId: _board, ...opened } = event.data;
    return { ...opened, status: 'pending', votes: [], decision: null };
  }
  if (!current) return current;
  if (event.type === 'CaseVoteRecorded') {
    const { boardId: _board, caseId: _case, ...vote } = event.data;
    return { ...current, votes: [...current.votes.filter((v) => v.memberId !== vote.memberId), vote] };
  }
  const { boardId: _board, caseId: _case, enrolmentId: _enrolment, ...decision } = event.data;
  // A deferral is a decision to look again: the case reopens for a fresh round of votes.
  if (decision.decision === 'defer') return { ...current, status: 'deferred', votes: [] };
  return { ...current, status: 'decided', decision };
};

export const evolveBoard = (state: BoardState, event: BoardEvent): BoardState => {
  if (event.type === 'BoardConstituted') return { status: 'constituted', ...event.data, cases: {} };
  if (state.status === 'none') return state;
  const { caseId } = event.data;
  const next = evolveCase(state.cases[caseId], event);
  return next ? { ...state, cases: { ...state.cases, [caseId]: next } } : state;
};
