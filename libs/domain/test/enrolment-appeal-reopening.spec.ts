import { caseToOpen, enrolmentDecider, StateConflict, type EnrolmentCommand, type EnrolmentEvent } from '#domain';
import { given } from './given-when-then.js';
import { ENROLMENT_ID, enrolmentStarted, outcomeCalculated, workSubmitted } from './fixtures.js';
import {
  adjust,
  CASE_ID,
  finalMark,
  markModerated,
  markSampled,
  outcomeConfirmed,
} from './moderation-fixtures.js';
import { APPEAL_ID } from './appeal-fixtures.js';
import { NOW } from './given-when-then.js';

const nowIso = new Date(NOW).toISOString();
const REASON = 'Appeal upheld: the wrong rubric was applied.';

// Essay 72, exam 68: 70.4, a Distinction, confirmed by the board.
const distinction = {
  result: 'pass' as const,
  weightedMark: 70,
  grade: 'Distinction' as const,
  components: [
    { componentId: 'essay', attempt: 1, mark: 72, passed: true },
    { componentId: 'exam', attempt: 1, mark: 68, passed: true },
  ],
  referredComponents: [],
  note: null,
};
const confirmed = [
  enrolmentStarted(),
  workSubmitted('essay'),
  workSubmitted('exam'),
  ...finalMark('essay', 72),
  ...finalMark('exam', 68),
  outcomeCalculated(distinction),
  outcomeConfirmed(),
];

const reopen = (remedy: 'reopen-case' | 're-moderate', componentId: string | null = null, caseId = CASE_ID) =>
  ({
    type: 'ReopenOnAppeal',
    data: { appealId: APPEAL_ID, caseId, remedy, componentId, reason: REASON },
  }) satisfies EnrolmentCommand;

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

describe('ReopenOnAppeal', () => {
  it('sets the confirmed decision aside and puts the outcome back to the board, not as a clean case', () => {
    const { state } = given(enrolmentDecider, ...confirmed)
      .when(reopen('reopen-case'))
      .then([reopened('reopen-case')]);
    expect(state).toMatchObject({ status: 'assessed', confirmation: null, outcomeVersion: confirmed.length + 1 });
    expect(caseToOpen('case-0002', state, 3)?.data.concerns).toContain(`reopened on appeal ${APPEAL_ID}: ${REASON}`);
  });

  it('sends one component’s mark back to a moderator, and the outcome waits for it', () => {
    const { state } = given(enrolmentDecider, ...confirmed)
      .when(reopen('re-moderate', 'exam'))
      .then([reopened('re-moderate', 'exam'), markSampled('exam', 'appeal', 1, REASON)]);
    expect(state).toMatchObject({ status: 'active', outcome: null, confirmation: null });
  });

  it('recalculates the outcome once the re-moderated mark is final', () => {
    // 0.6 × 72 + 0.4 × 58 = 66.4: a Merit for the board to decide on.
    const merit = {
      ...distinction,
      weightedMark: 66,
      grade: 'Merit' as const,
      components: [distinction.components[0]!, { componentId: 'exam', attempt: 1, mark: 58, passed: true }],
    };
    const { state } = given(
      enrolmentDecider,
      ...confirmed,
      reopened('re-moderate', 'exam'),
      markSampled('exam', 'appeal', 1, REASON),
    )
      .when(adjust('exam', 58, 'Re-marked against the current rubric'))
      .then([
        markModerated('exam', 68, 58, { reason: 'Re-marked against the current rubric' }),
        outcomeCalculated(merit),
      ]);
    expect(state).toMatchObject({ status: 'assessed', outcome: { grade: 'Merit' } });
  });

  it('does nothing when the same appeal reopens again (a replay)', () => {
    given(enrolmentDecider, ...confirmed, reopened('reopen-case'))
      .when(reopen('reopen-case'))
      .then([]);
  });

  it('refuses an enrolment whose outcome is not confirmed', () => {
    given(enrolmentDecider, ...confirmed.slice(0, -1))
      .when(reopen('reopen-case'))
      .thenThrows(StateConflict, 'cannot reopen on appeal: enrolment is assessed');
  });

  it('refuses when another case confirmed the outcome since the appealed one', () => {
    given(enrolmentDecider, ...confirmed)
      .when(reopen('reopen-case', null, 'case-0000'))
      .thenThrows(StateConflict, 'case case-0001 confirmed the outcome since');
  });

  it('refuses a re-moderation of a component the course does not have', () => {
    given(enrolmentDecider, ...confirmed)
      .when(reopen('re-moderate', 'viva'))
      .thenViolates('componentId');
  });
});
