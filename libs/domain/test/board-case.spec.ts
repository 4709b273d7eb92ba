import { boardCaseDecider, boardDecider, fold, NotFound, StateConflict, type BoardEvent } from '#domain';
import { given } from './given-when-then.js';
import {
  boardConstituted,
  caseDecided,
  caseOpened,
  CHAIR,
  INTERNAL,
  openCase,
  voteOn,
  voteRecorded,
} from './board-fixtures.js';

/** A case's own stream, decided from the board's constitution (folded from the board's stream). */
describe('boardCaseDecider', () => {
  const board = fold(boardDecider, [boardConstituted()]);

  it('opens a clean case on its own stream and confirms it under delegated authority', () => {
    const { events } = given(boardCaseDecider(board))
      .when(openCase())
      .then([caseOpened(), expect.objectContaining({ type: 'CaseDecided' }) as unknown as BoardEvent]);
    expect(events[1]!.data).toMatchObject({ decision: 'confirm', delegated: true });
  });

  it('decides by quorum from the case stream alone', () => {
    given(boardCaseDecider(board), caseOpened(['mitigating circumstances claimed']), voteRecorded(INTERNAL, 'confirm'))
      .when(voteOn(CHAIR, 'confirm'))
      .then([voteRecorded(CHAIR, 'confirm'), caseDecided('confirm', [INTERNAL, CHAIR])]);
  });

  it('refuses a vote on a case that is not on this stream', () => {
    given(boardCaseDecider(board)).when(voteOn(CHAIR, 'confirm')).thenThrows(NotFound);
  });

  it('refuses to open a case on a board that was never constituted', () => {
    given(boardCaseDecider({ status: 'none' }))
      .when(openCase())
      .thenThrows(NotFound);
  });

  it('refuses a vote once the case is decided', () => {
    given(
      boardCaseDecider(board),
      caseOpened(['x']),
      voteRecorded(INTERNAL, 'confirm'),
      caseDecided('confirm', [INTERNAL, CHAIR]),
    )
      .when(voteOn(CHAIR, 'defer'))
      .thenThrows(StateConflict);
  });
});
