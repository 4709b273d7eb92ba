import type { BoardRole, ModeratingBoard } from '#domain';
import { COLLECTIONS, STANDING_BOARD, type BoardSummary, type DocumentReader } from '#projections';

/** Standing boards are few (one per group of courses): all of them are read at once. */
const MAX_BOARDS = 1000;
const END_OF_TIME = '9999-12-31';

/** Every standing board, in the order they were constituted. */
export const standingBoards = (readModels: DocumentReader): Promise<BoardSummary[]> =>
  readModels.findDue<BoardSummary>(COLLECTIONS.boards, STANDING_BOARD, END_OF_TIME, MAX_BOARDS);

/** The board that covers a course: as for the board runner, the latest constituted that lists it. */
export const boardCovering = (boards: readonly BoardSummary[], courseId: string): ModeratingBoard | null => {
  const board = boards.findLast((b) => b.courseIds.includes(courseId));
  return board ? { boardId: board.boardId, name: board.name, members: board.members } : null;
};

/** The ids of the boards someone sits on (with one of `roles`, when given). */
export const boardIdsOf = (
  boards: readonly BoardSummary[],
  memberId: string,
  roles?: readonly BoardRole[],
): Set<string> =>
  new Set(
    boards
      .filter((b) => b.members.some((m) => m.memberId === memberId && (!roles || roles.includes(m.role))))
      .map((b) => b.boardId),
  );
