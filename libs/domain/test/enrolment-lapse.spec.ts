import { enrolmentDecider, NotFound, StateConflict, type Outcome } from '#domain';
import { at, given } from './given-when-then.js';
import {
  closeLapsed,
  DEADLINE,
  deemedWithdrawn,
  enrolmentStarted,
  extensionGranted,
  outcomeCalculated,
  resumed,
  suspended,
  workSubmitted,
} from './fixtures.js';
import { finalMark } from './moderation-fixtures.js';

// Started 2026-02-01 with 90 days: the deadline is 2026-05-02, the last day work may be submitted.
const started = enrolmentStarted();
const dayAfterDeadline = at('2026-05-03T02:00:00Z');

const essayReferred: Outcome = {
  result: 'referral',
  weightedMark: 51,
  grade: null,
  components: [
    { componentId: 'essay', attempt: 1, mark: 42, passed: false },
    { componentId: 'exam', attempt: 1, mark: 65, passed: true },
  ],
  referredComponents: ['essay'],
  note: null,
};
const referred = [
  started,
  workSubmitted('essay'),
  workSubmitted('exam'),
  ...finalMark('essay', 42),
  ...finalMark('exam', 65),
  outcomeCalculated(essayReferred),
];

describe('CloseLapsedEnrolment (the deadline sweep)', () => {
  it('deems the learner withdrawn the day after the deadline, naming the outstanding work', () => {
    const { state } = given(enrolmentDecider, started, workSubmitted('essay'), ...finalMark('essay', 61))
      .when(closeLapsed(), dayAfterDeadline)
      .then([deemedWithdrawn(['exam'], '2026-05-03')]);

    expect(state).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-05-03' });
  });

  it('lists every component when nothing was submitted', () => {
    given(enrolmentDecider, started)
      .when(closeLapsed(), at('2026-06-10T02:00:00Z'))
      .then([deemedWithdrawn(['essay', 'exam'], '2026-06-10')]);
  });

  it('does not close on the day of the deadline itself', () => {
    given(enrolmentDecider, started)
      .when(closeLapsed(), at(`${DEADLINE}T23:59:59Z`))
      .thenThrows(StateConflict, `the deadline ${DEADLINE} has not passed`);
  });

  it('does not close before the deadline', () => {
    given(enrolmentDecider, started)
      .when(closeLapsed())
      .thenThrows(StateConflict, `the deadline ${DEADLINE} has not passed`);
  });

  it('does not close when all work is submitted and awaiting marks', () => {
    given(enrolmentDecider, started, workSubmitted('essay'), workSubmitted('exam'))
      .when(closeLapsed(), dayAfterDeadline)
      .thenThrows(StateConflict, 'no work is outstanding');
  });

  it('does not close a suspended enrolment (the clock is stopped)', () => {
    given(enrolmentDecider, started, suspended('2026-04-20'))
      .when(closeLapsed(), dayAfterDeadline)
      .thenThrows(StateConflict, 'cannot close the enrolment: enrolment is suspended');
  });

  it('does not withdraw once the suspension has moved the deadline on', () => {
    const history = [started, suspended('2026-02-20'), resumed('2026-03-01', 9, '2026-05-11')];

    given(enrolmentDecider, ...history)
      .when(closeLapsed(), dayAfterDeadline)
      .thenThrows(StateConflict, 'the deadline 2026-05-11 has not passed');
    given(enrolmentDecider, ...history)
      .when(closeLapsed(), at('2026-05-12T02:00:00Z'))
      .then([deemedWithdrawn(['essay', 'exam'], '2026-05-12', '2026-05-11')]);
  });

  it('does not withdraw once an extension has moved the deadline on', () => {
    given(enrolmentDecider, started, extensionGranted(14, '2026-05-16'))
      .when(closeLapsed(), dayAfterDeadline)
      .thenThrows(StateConflict, 'the deadline 2026-05-16 has not passed');
  });

  it('turns a referral not resubmitted by the deadline into a fail, with a note', () => {
    const { state } = given(enrolmentDecider, ...referred)
      .when(closeLapsed(), dayAfterDeadline)
      .then([
        outcomeCalculated(
          {
            ...essayReferred,
            result: 'fail',
            referredComponents: [],
            note: `referral of essay not resubmitted by ${DEADLINE}`,
          },
          '2026-05-03T02:00:00.000Z',
        ),
      ]);

    expect(state).toMatchObject({ status: 'assessed', outcome: { result: 'fail', weightedMark: 51, grade: null } });
  });

  it('does not close a referral whose resubmission awaits its mark', () => {
    given(enrolmentDecider, ...referred, workSubmitted('essay', 2, '2026-04-30T12:00:00.000Z'))
      .when(closeLapsed(), dayAfterDeadline)
      .thenThrows(StateConflict, 'no work is outstanding');
  });

  it('does not close an enrolment that is already withdrawn', () => {
    given(enrolmentDecider, started, deemedWithdrawn(['essay', 'exam'], '2026-05-03'))
      .when(closeLapsed(), at('2026-05-04T02:00:00Z'))
      .thenThrows(StateConflict, 'cannot close the enrolment: enrolment is withdrawn');
  });

  it('refuses an enrolment that does not exist', () => {
    given(enrolmentDecider).when(closeLapsed(), dayAfterDeadline).thenThrows(NotFound, 'enrolment not found');
  });
});
