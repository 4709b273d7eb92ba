import { enrolmentDecider, fold, NotFound, StateConflict, systemClock, type Outcome } from '#domain';
import { at, given } from './given-when-then.js';
import {
  bothReferred,
  closeLapsed,
  DATA_ETHICS_SCHEME,
  DEADLINE,
  deemedWithdrawn,
  enrolmentStarted,
  extensionGranted,
  markRecorded,
  outcomeCalculated,
  resumed,
  suspended,
  workSubmitted,
} from './fixtures.js';
import { finalMark, markSampled } from './moderation-fixtures.js';

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

  describe('a referral of two components, one resubmitted by the deadline', () => {
    const essayResubmitted = [
      started,
      workSubmitted('essay'),
      workSubmitted('exam'),
      ...finalMark('essay', 42),
      ...finalMark('exam', 46),
      outcomeCalculated(bothReferred(42, 46, 44)),
      workSubmitted('essay', 2, '2026-04-30T12:00:00.000Z'),
    ];

    // Closed on the marks of attempt 1, the resubmission's later release recalculated a referral
    // after the deadline, and the enrolment was left assessed with a referral no one could act on.
    it('waits while the resubmission is held for moderation', () => {
      given(enrolmentDecider, ...essayResubmitted, markRecorded('essay', 75, 2), markSampled('essay', 'systematic', 2))
        .when(closeLapsed(), dayAfterDeadline)
        .thenThrows(StateConflict, 'the referral lapses once the resubmitted essay has a final mark');
    });

    it('lapses as a fail on every mark given, the resubmission included', () => {
      const { state } = given(enrolmentDecider, ...essayResubmitted, ...finalMark('essay', 75, 2))
        .when(closeLapsed(), dayAfterDeadline)
        .then([
          outcomeCalculated(
            {
              result: 'fail',
              weightedMark: 63, // 0.6 × 75 + 0.4 × 46 = 63.4
              grade: null,
              components: [
                { componentId: 'essay', attempt: 2, mark: 75, passed: true },
                { componentId: 'exam', attempt: 1, mark: 46, passed: false },
              ],
              referredComponents: [],
              note: `referral of exam not resubmitted by ${DEADLINE}`,
            },
            '2026-05-03T02:00:00.000Z',
          ),
        ]);
      expect(state).toMatchObject({ status: 'assessed', outcome: { result: 'fail' } });
    });

    it('on the real clock (the deadline long past): waits while the resubmission is held, then lapses', () => {
      const held = [...essayResubmitted, markRecorded('essay', 75, 2), markSampled('essay', 'systematic', 2)];
      given(enrolmentDecider, ...held)
        .when(closeLapsed(), systemClock)
        .thenThrows(StateConflict, 'the referral lapses once the resubmitted essay has a final mark');

      const final = fold(enrolmentDecider, [...essayResubmitted, ...finalMark('essay', 75, 2)]);
      const before = Date.now();
      const [lapsed] = enrolmentDecider.decide(closeLapsed(), final, systemClock);
      expect(lapsed).toMatchObject({ type: 'OutcomeCalculated', data: { result: 'fail', weightedMark: 63 } });
      const calculatedAt = Date.parse((lapsed!.data as { calculatedAt: string }).calculatedAt);
      expect(calculatedAt).toBeGreaterThanOrEqual(before);
      expect(calculatedAt).toBeLessThanOrEqual(Date.now());
    });
  });

  it('lapses as a pass when the marks given pass: a resubmission lifted the weighted mark over the pass mark', () => {
    // Each component's own pass mark is 40; the course's is 50. Both met their own at 45, the weighted mark did not.
    const scheme = {
      ...DATA_ETHICS_SCHEME,
      components: DATA_ETHICS_SCHEME.components.map((c) => ({ ...c, passMark: 40 })),
    };
    const weightedFail: Outcome = {
      result: 'referral',
      weightedMark: 45,
      grade: null,
      components: [
        { componentId: 'essay', attempt: 1, mark: 45, passed: true },
        { componentId: 'exam', attempt: 1, mark: 45, passed: true },
      ],
      referredComponents: ['essay', 'exam'],
      note: null,
    };
    given(
      enrolmentDecider,
      enrolmentStarted({ scheme }),
      workSubmitted('essay'),
      workSubmitted('exam'),
      ...finalMark('essay', 45),
      ...finalMark('exam', 45),
      outcomeCalculated(weightedFail),
      workSubmitted('essay', 2, '2026-04-30T12:00:00.000Z'),
      ...finalMark('essay', 80, 2),
    )
      .when(closeLapsed(), dayAfterDeadline)
      .then([
        outcomeCalculated(
          {
            result: 'pass',
            weightedMark: 66, // 0.6 × 80 + 0.4 × 45
            grade: 'Merit',
            components: [
              { componentId: 'essay', attempt: 2, mark: 80, passed: true },
              { componentId: 'exam', attempt: 1, mark: 45, passed: true },
            ],
            referredComponents: [],
            note: `referral of exam not resubmitted by ${DEADLINE}`,
          },
          '2026-05-03T02:00:00.000Z',
        ),
      ]);
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
