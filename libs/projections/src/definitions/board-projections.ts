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

/** Status index of every board document: the list of standing boards (who covers a course, who sits where). */
export const STANDING_BOARD = 'constituted';

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
  indexOf: (board) => ({ status: STANDING_BOARD, due: board.constitutedAt }),
});

/** The one document of the coverage collection. */
export const COVERAGE_DOCUMENT = 'courses';

/**
 * Which board covers each course, `{courseId: boardId}` in one document (a registry has hundreds of
 * courses, not millions): a course no board covers takes no enrolments. Coverage only grows (a
 * board is never dissolved), so a read that lags can only refuse an enrolment, never wrongly admit one.
 */
export const boardCoverageProjection = readModelProjection<Record<string, string>, BoardConstituted>({
  collection: 'board-coverage',
  canHandle: ['BoardConstituted'],
  documentIdOf: () => COVERAGE_DOCUMENT,
  evolve: (doc, { data: { boardId, courseIds } }) => ({
    ...doc,
    ...Object.fromEntries(courseIds.map((courseId) => [courseId, boardId])),
  }),
  indexOf: () => ({}),
});

/**
 * One document per case, for the queue: the board's own case fold (`evolveCase`), so the queue can
 * never disagree with the minutes. Indexed by status and by when it opened.
 */
export const caseProjection = readModelProjection<CaseDocument, CaseEvent>({
  collection: 'board-cases',
  canHandle: ['CaseOpened', 'CaseVoteRecorded', 'CaseDecided', 'CaseSuperseded'],
  documentIdOf: (event) => event.data.caseId,
  evolve: (doc, event) => {
    // A case's stream opens it before any vote or decision on it.
    const next = evolveCase(doc, event)!;
    return { ...next, boardId: event.data.boardId, boardName: doc?.boardName ?? '' };
  },
  indexOf: (doc) => ({ ref: doc.boardId, status: doc.status, due: doc.openedAt }),
});
