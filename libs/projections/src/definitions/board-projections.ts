import { evolveBoard, type Board, type BoardCase, type BoardEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { Projection } from '../projection.js';

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
  indexOf: () => ({}),
};

/** The one document of the coverage collection. */
export const COVERAGE_DOCUMENT = 'courses';

/**
 * Which board covers each course, `{courseId: boardId}` in one document (a registry has hundreds of
 * courses, not millions): a course no board covers takes no enrolments. Coverage only grows (a
 * board is never dissolved), so a read that lags can only refuse an enrolment, never wrongly admit one.
 */
export const boardCoverageProjection: Projection<Record<string, string>> = {
  collection: 'board-coverage',
  documentIdOf: (event) => (event.type === 'BoardConstituted' ? COVERAGE_DOCUMENT : undefined),
  apply: (doc, event) => {
    const { boardId, courseIds } = event.data as { boardId: string; courseIds: string[] };
    return { ...doc, ...Object.fromEntries(courseIds.map((courseId) => [courseId, boardId])) };
  },
  indexOf: () => ({}),
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
