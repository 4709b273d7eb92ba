import type { Decider } from '../shared/decider.js';
import type { BoardCommand, BoardEvent } from './board.events.js';
import type { BoardState } from './board.state.js';
import { boardDecider } from './board.decider.js';

/**
 * The board decider for one case's stream: it starts from the board's constitution (folded from
 * the board's own stream) and sees only that case's events.
 */
export const boardCaseDecider = (board: BoardState): Decider<BoardCommand, BoardEvent, BoardState> => ({
  ...boardDecider,
  initialState: board,
});
