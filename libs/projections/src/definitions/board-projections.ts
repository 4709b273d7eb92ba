import {
  evolveBoard,
  evolveCase,
  initialBoardState,
  type Board,
  type BoardCase,
  type BoardConstituted,
  type CaseEvent,
} from '#domain';
import { readModelProjection } from '../projection.js';

export type BoardSummary = Omit<Board, 'cases'>;
export type CaseDocument = BoardCase & { boardId: string; boardName: string };

/** Standing boards without their cases: who sits, which courses, delegated authority. */
export const boardProjection = readModelProjection<BoardSummary, BoardConstituted>({
  collection: 'boards',
  canHandle: ['BoardConstituted'],
  documentIdOf: (event) => event.data.boardId,
  evolve: (_doc, event) => {
    const board = evolveBoard(initialBoardState, event);
    if (board.status === 'none') throw new Error(`board ${event.data.boardId} was not constituted`);
    const { cases: _cases, ...summary } = board;
    return summary;
  },
  indexOf: () => ({}),
});

/**
 * One document per case, for the queue: the board's own case fold (`evolveCase`), so the queue can
 * never disagree with the minutes. Indexed by status and by when it opened.
 */
export const caseProjection = readModelProjection<CaseDocument, CaseEvent>({
  collection: 'board-cases',
  canHandle: ['CaseOpened', 'CaseVoteRecorded', 'CaseDecided'],
  documentIdOf: (event) => event.data.caseId,
  evolve: (doc, event) => {
    // A case's stream opens it before any vote or decision on it.
    const next = evolveCase(doc, event)!;
    return { ...next, boardId: event.data.boardId, boardName: doc?.boardName ?? '' };
  },
  indexOf: (doc) => ({ ref: doc.boardId, status: doc.status, due: doc.openedAt }),
});
