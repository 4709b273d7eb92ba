import { evolveBoard, type Board, type BoardCase, type BoardEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { Projection } from '../projection.js';
import { LISTED } from './workspace-projections.js';

export type BoardSummary = Omit<Board, 'cases'>;
export type CaseDocument = BoardCase & { boardId: string; boardName: string };

/** Standing boards without their cases: who sits, which courses, delegated authority. */
export const boardProjection: Projection<BoardSummary> = {
  collection: 'boards',
  documentIdOf: (event) =>
    event.type === 'BoardConstituted' ? (event.data as { boardId: string }).boardId : undefined,
  apply: (_doc, event) => {
    const { cases: _cases, ...board } = evolveBoard({ status: 'none' }, event as unknown as BoardEvent) as Board;
    return board;
  },
  // Listed by name, for the staff's board picker (GET /v1/boards).
  indexOf: (board) => ({ status: LISTED, due: board.name }),
};

const CASE_EVENTS = new Set(['CaseOpened', 'CaseVoteRecorded', 'CaseDecided']);

/**
 * One document per case, for the queue: the board's own `evolve` applied to a one-case board,
 * so the queue can never disagree with the minutes. Indexed by status and by when it opened.
 */
export const caseProjection: Projection<CaseDocument> = {
  collection: 'board-cases',
  documentIdOf: (event: RecordedEvent) =>
    CASE_EVENTS.has(event.type) ? (event.data as { caseId: string }).caseId : undefined,
  apply: (doc, event) => {
    const { boardId, caseId } = event.data as { boardId: string; caseId: string };
    const board = {
      status: 'constituted',
      boardId,
      cases: doc ? { [caseId]: doc } : {},
    } as unknown as Board;
    const next = evolveBoard(board, event as unknown as BoardEvent) as Board;
    return { ...next.cases[caseId]!, boardId, boardName: doc?.boardName ?? '' };
  },
  indexOf: (doc) => ({ ref: doc.boardId, status: doc.status, due: doc.openedAt }),
};
