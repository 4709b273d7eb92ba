import type { BoardEvent, EnrolmentEvent, MicroBoardInput, MicroBoardOutput } from '#domain';
import { appealUpheld, APPEAL_ID } from './appeal-fixtures.js';
import { boardConstituted, caseDecided, DISTINCTION, NEWER_CASE_ID } from './board-fixtures.js';
import { ENROLMENT_ID, enrolmentStarted, markRecorded, outcomeCalculated } from './fixtures.js';
import { givenFlow, NOW } from './given-when-then.js';
import { BOARD_ID, CASE_ID, markAmended, outcomeConfirmed } from './moderation-fixtures.js';
import { caseToBeOpened, caseToBeSuperseded, classified, v, workflow } from './micro-board-fixtures.js';

const nowIso = new Date(NOW).toISOString();
const AWARD_1 = `award-${ENROLMENT_ID}-1`;
const AWARD_2 = `award-${ENROLMENT_ID}-2`;
const THIRD_CASE_ID = 'case-0003';
const REASON = `appeal ${APPEAL_ID} upheld: The wrong rubric was applied.`;

const issued = (awardId: string, weightedMark: number, grade: 'Distinction' | 'Merit' | 'Pass'): MicroBoardOutput => ({
  type: 'IssueAward',
  data: { enrolmentId: ENROLMENT_ID, awardId, result: { weightedMark, grade } },
});
const revoked = (awardId: string, reason: string): MicroBoardOutput => ({
  type: 'RevokeAward',
  data: {
    enrolmentId: ENROLMENT_ID,
    awardId,
    command: { type: 'RevokeAward', data: { reason, revokedBy: 'system:board-runner' } },
  },
});
const reopening = (remedy: 'reopen-case' | 're-moderate', componentId: string | null = null): MicroBoardOutput => ({
  type: 'ReopenOnAppeal',
  data: {
    enrolmentId: ENROLMENT_ID,
    command: {
      type: 'ReopenOnAppeal',
      data: { appealId: APPEAL_ID, caseId: CASE_ID, remedy, componentId, reason: REASON },
    },
  },
});
const reopened = (remedy: 'reopen-case' | 're-moderate', componentId: string | null = null): EnrolmentEvent => ({
  type: 'OutcomeReopenedOnAppeal',
  data: {
    enrolmentId: ENROLMENT_ID,
    appealId: APPEAL_ID,
    caseId: CASE_ID,
    remedy,
    componentId,
    reason: REASON,
    reopenedAt: nowIso,
  },
});
/** The board's decision on any of the enrolment's cases. */
const decided = (caseId: string, outcomeVersion: number): BoardEvent => ({
  type: 'CaseDecided',
  data: {
    boardId: BOARD_ID,
    caseId,
    enrolmentId: ENROLMENT_ID,
    outcomeVersion,
    decision: 'confirm',
    rationale: 'confirm: marks and concerns reviewed',
    mark: null,
    decidedBy: ['chair', 'member'],
    delegated: false,
    decidedAt: nowIso,
  },
});
const confirmationOf = (caseId: string, outcomeVersion: number): MicroBoardOutput => ({
  type: 'ConfirmOutcome',
  data: {
    enrolmentId: ENROLMENT_ID,
    command: {
      type: 'ConfirmOutcome',
      data: {
        boardId: BOARD_ID,
        caseId,
        outcomeVersion,
        delegated: false,
        rationale: 'confirm: marks and concerns reviewed',
      },
    },
  },
});

/** Case 1 confirmed a Distinction of 70 at version 9 and award 1 was issued for it. */
const awarded: (MicroBoardInput | MicroBoardOutput)[] = [
  v(1, boardConstituted()),
  v(1, enrolmentStarted()),
  v(4, markRecorded('essay', 72)),
  v(5, markRecorded('exam', 68)),
  v(8, outcomeCalculated(DISTINCTION)),
  caseToBeOpened(8),
  v(3, caseDecided('confirm', ['chair', 'member'])),
  confirmationOf(CASE_ID, 8),
  v(9, outcomeConfirmed()),
  issued(AWARD_1, 70, 'Distinction'),
];
/** The appeal reopened case 1's decision at version 10, and case 2 is open for it. */
const reopenedToBoard = [
  ...awarded,
  v(1, appealUpheld()),
  reopening('reopen-case'),
  v(10, reopened('reopen-case')),
  caseToBeOpened(10, NEWER_CASE_ID),
];
const reconfirmed = (overrides: Parameters<typeof outcomeConfirmed>[0]) =>
  v(11, outcomeConfirmed({ caseId: NEWER_CASE_ID, outcomeVersion: 10, ...overrides }));

describe('the micro-board sends an upheld appeal to the enrolment', () => {
  it('reopens the appealed decision with the remedy and the reviewer’s reason', () => {
    givenFlow(workflow, ...awarded)
      .when(v(1, appealUpheld()))
      .then([reopening('reopen-case')]);
    givenFlow(workflow, ...awarded)
      .when(v(1, appealUpheld('re-moderate', 'exam')))
      .then([reopening('re-moderate', 'exam')]);
  });

  it('opens the next case for the reopened outcome', () => {
    givenFlow(workflow, ...awarded, v(1, appealUpheld()), reopening('reopen-case'))
      .when(v(10, reopened('reopen-case')))
      .then([caseToBeOpened(10, NEWER_CASE_ID)]);
  });

  it('opens no case for a re-moderation until the outcome is recalculated', () => {
    const remoderating = [...awarded, v(1, appealUpheld('re-moderate', 'exam')), reopening('re-moderate', 'exam')];
    givenFlow(workflow, ...remoderating)
      .when(v(10, reopened('re-moderate', 'exam')))
      .then([]);
    givenFlow(workflow, ...remoderating, v(10, reopened('re-moderate', 'exam')))
      .when(v(13, outcomeCalculated({ ...DISTINCTION, weightedMark: 66, grade: 'Merit' })))
      .then([caseToBeOpened(13, NEWER_CASE_ID)]);
  });
});

describe('the micro-board revokes and reissues the award when the appeal changes the result', () => {
  it('keeps the award in force when the board confirms the same result', () => {
    givenFlow(workflow, ...reopenedToBoard)
      .when(reconfirmed({}))
      .then([]);
  });

  it('revokes the award with the reason and reissues it for the new result', () => {
    const { state } = givenFlow(workflow, ...reopenedToBoard)
      .when(reconfirmed({ weightedMark: 66, grade: 'Merit', amended: true }))
      .then([
        revoked(
          AWARD_1,
          `appeal ${APPEAL_ID} upheld: the result changed from Distinction (70) to Merit (66); reissued as award ${AWARD_2}`,
        ),
        issued(AWARD_2, 66, 'Merit'),
      ]);
    expect(state.enrolments[ENROLMENT_ID]).toMatchObject({ awards: 2, award: { awardId: AWARD_2 }, appealId: null });
  });

  it('only revokes the award when the result is now a fail', () => {
    givenFlow(workflow, ...reopenedToBoard)
      .when(reconfirmed({ result: 'fail', weightedMark: 45, grade: null, amended: true }))
      .then([revoked(AWARD_1, `appeal ${APPEAL_ID} upheld: the result changed from Distinction (70) to a fail (45)`)]);
  });

  it('issues the first award when an appeal turns a fail into a pass', () => {
    const failed = [...awarded.slice(0, 8), v(9, outcomeConfirmed({ result: 'fail', weightedMark: 45, grade: null }))];
    givenFlow(workflow, ...failed, v(1, appealUpheld()), reopening('reopen-case'), v(10, reopened('reopen-case')))
      .when(reconfirmed({ weightedMark: 52, grade: 'Pass', amended: true }))
      .then([issued(AWARD_1, 52, 'Pass')]);
  });

  it('changes nothing on a confirmation replayed without an appeal', () => {
    givenFlow(workflow, ...awarded)
      .when(v(9, outcomeConfirmed()))
      .then([]);
  });
});

describe('what if the case changed meanwhile?', () => {
  it('a mark amended while the reopened case waits: the board decides the newest case, then the award follows it', () => {
    const amended = v(11, markAmended('exam', 68, 55));
    const supersededReason = 'the mark of exam was amended from 68 to 55: Transcription error';
    const flow = givenFlow(workflow, ...reopenedToBoard);
    flow
      .when(amended)
      .then([classified('exam', 55, null), caseToBeSuperseded(supersededReason, THIRD_CASE_ID, NEWER_CASE_ID)]);

    const meanwhile = [
      ...reopenedToBoard,
      amended,
      classified('exam', 55, null),
      caseToBeSuperseded(supersededReason, THIRD_CASE_ID, NEWER_CASE_ID),
    ];
    // The board's decision on the superseded case is not sent; the recalculated outcome opens case 3.
    givenFlow(workflow, ...meanwhile)
      .when(v(5, decided(NEWER_CASE_ID, 10)))
      .then([]);
    const merit = { ...DISTINCTION, weightedMark: 65, grade: 'Merit' as const };
    givenFlow(workflow, ...meanwhile)
      .when(v(14, outcomeCalculated(merit)))
      .then([caseToBeOpened(14, THIRD_CASE_ID)]);
    const caseThree = [...meanwhile, v(14, outcomeCalculated(merit)), caseToBeOpened(14, THIRD_CASE_ID)];
    givenFlow(workflow, ...caseThree)
      .when(v(5, decided(THIRD_CASE_ID, 14)))
      .then([confirmationOf(THIRD_CASE_ID, 14)]);
    givenFlow(workflow, ...caseThree, v(5, decided(THIRD_CASE_ID, 14)), confirmationOf(THIRD_CASE_ID, 14))
      .when(v(15, outcomeConfirmed({ caseId: THIRD_CASE_ID, outcomeVersion: 14, weightedMark: 65, grade: 'Merit' })))
      .then([
        revoked(
          AWARD_1,
          `appeal ${APPEAL_ID} upheld: the result changed from Distinction (70) to Merit (65); reissued as award ${AWARD_2}`,
        ),
        issued(AWARD_2, 65, 'Merit'),
      ]);
  });

  it('a refused confirmation of the reopened case supersedes it and leaves the award in force', () => {
    const { state } = givenFlow(
      workflow,
      ...reopenedToBoard,
      v(5, decided(NEWER_CASE_ID, 10)),
      confirmationOf(NEWER_CASE_ID, 10),
    )
      .when({
        type: 'ConfirmationRefused',
        data: { enrolmentId: ENROLMENT_ID, caseId: NEWER_CASE_ID, reason: 'the enrolment has changed since' },
      })
      .then([
        caseToBeSuperseded(
          'the confirmation was refused: the enrolment has changed since',
          THIRD_CASE_ID,
          NEWER_CASE_ID,
        ),
      ]);
    expect(state.enrolments[ENROLMENT_ID]).toMatchObject({ award: { awardId: AWARD_1 }, appealId: APPEAL_ID });
  });
});
