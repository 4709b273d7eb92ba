import { boardCaseDecider, boardDecider, fold, StateConflict } from '#domain';
import { given } from './given-when-then.js';
import {
  boardConstituted,
  caseDecided,
  caseOpened,
  caseSuperseded,
  CHAIR,
  INTERNAL,
  NEWER_CASE_ID,
  supersedeCase,
  voteOn,
  voteRecorded,
} from './board-fixtures.js';
import { CASE_ID } from './moderation-fixtures.js';

/** A case whose enrolment changed after it opened is closed in the minutes, never decided. */
describe('SupersedeCase', () => {
  const board = fold(boardDecider, [boardConstituted()]);
  const pending = [caseOpened(['mitigating circumstances claimed'])];

  it('closes a pending case as superseded, naming the newer case and why', () => {
    const { state } = given(boardCaseDecider(board), ...pending)
      .when(supersedeCase('  the mark of exam was amended from 68 to 58 '))
      .then([caseSuperseded()]);
    expect(state).toMatchObject({
      cases: {
        [CASE_ID]: {
          status: 'superseded',
          supersession: { supersededBy: NEWER_CASE_ID, reason: 'the mark of exam was amended from 68 to 58' },
        },
      },
    });
  });

  it('supersedes a decision taken before the change, and the minutes say which decision', () => {
    given(
      boardCaseDecider(board),
      ...pending,
      voteRecorded(INTERNAL, 'confirm'),
      voteRecorded(CHAIR, 'confirm'),
      caseDecided('confirm', [INTERNAL, CHAIR]),
    )
      .when(supersedeCase())
      .then([caseSuperseded('confirm')]);
  });

  it('supersedes a deferred case (a new round was open)', () => {
    given(boardCaseDecider(board), ...pending, caseDecided('defer', [INTERNAL, CHAIR]))
      .when(supersedeCase())
      .then([caseSuperseded()]);
  });

  it('does nothing a second time (the runner may replay the change)', () => {
    given(boardCaseDecider(board), ...pending, caseSuperseded())
      .when(supersedeCase('another reason'))
      .then([]);
  });

  it('does nothing for a case that never opened on this stream', () => {
    given(boardCaseDecider(board)).when(supersedeCase()).then([]);
  });

  it('rejects a blank reason or newer case', () => {
    given(boardCaseDecider(board), ...pending)
      .when({ type: 'SupersedeCase', data: { caseId: CASE_ID, supersededBy: ' ', reason: '' } })
      .thenViolatesAll(['supersededBy', 'reason']);
  });

  it('refuses a vote on a superseded case with a message naming the newer case', () => {
    given(boardCaseDecider(board), ...pending, voteRecorded(INTERNAL, 'confirm'), caseSuperseded())
      .when(voteOn(CHAIR, 'confirm', 'confirm 80'))
      .thenThrows(
        StateConflict,
        `case ${CASE_ID} was superseded by case ${NEWER_CASE_ID} (the mark of exam was amended from 68 to 58): vote on case ${NEWER_CASE_ID}`,
      );
  });
});
