import { enrolmentDecider, NotFound, StateConflict, type Outcome } from '#domain';
import { at, given } from './given-when-then.js';
import {
  bothReferred,
  DATA_ETHICS_SCHEME,
  DEADLINE,
  deemedWithdrawn,
  enrolmentStarted,
  markRecorded,
  outcomeCalculated,
  submit,
  workSubmitted,
} from './fixtures.js';
import { finalMark, markSampled } from './moderation-fixtures.js';

// Started 2026-02-01, deadline 2026-05-02; now is 2026-03-01T10:00Z.
const started = enrolmentStarted();

/** Essay 42 (below its pass mark of 50), exam 65: weighted 51, essay referred. */
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
const afterReferral = [
  started,
  workSubmitted('essay'),
  workSubmitted('exam', 1, '2026-02-25T09:00:00.000Z', 'online-proctoring'),
  ...finalMark('essay', 42, 1, '2026-02-27T10:00:00.000Z'),
  ...finalMark('exam', 65, 1, '2026-02-28T10:00:00.000Z'),
  outcomeCalculated(essayReferred, '2026-02-28T10:00:00.000Z'),
];

describe('SubmitWork', () => {
  it('records attempt 1 at the time of submission, verified by single sign-on by default', () => {
    const { state } = given(enrolmentDecider, started)
      .when(submit('essay'))
      .then([workSubmitted('essay', 1, '2026-03-01T10:00:00.000Z', 'single-sign-on')]);

    expect(state).toMatchObject({
      attempts: {
        essay: [
          {
            attempt: 1,
            submittedAt: '2026-03-01T10:00:00.000Z',
            identityVerification: 'single-sign-on',
            mark: null,
            markerId: null,
            markedAt: null,
          },
        ],
        exam: [],
      },
    });
  });

  it('records the identity-verification method given', () => {
    given(enrolmentDecider, started)
      .when(submit('exam', { identityVerification: 'online-proctoring' }))
      .then([workSubmitted('exam', 1, '2026-03-01T10:00:00.000Z', 'online-proctoring')]);
  });

  it('records a learner-chosen time in the past, normalised to UTC', () => {
    given(enrolmentDecider, started)
      .when(submit('essay', { submittedAt: '2026-02-28T00:30:00+01:00' }))
      .then([workSubmitted('essay', 1, '2026-02-27T23:30:00.000Z')]);
  });

  it('accepts a submission at the very start of the start date', () => {
    given(enrolmentDecider, started)
      .when(submit('essay', { submittedAt: '2026-02-01T00:00:00Z' }))
      .then([workSubmitted('essay', 1, '2026-02-01T00:00:00.000Z')]);
  });

  it('accepts a submission late on the day of the deadline', () => {
    given(enrolmentDecider, started)
      .when(submit('essay'), at(`${DEADLINE}T23:59:00Z`))
      .then([workSubmitted('essay', 1, `${DEADLINE}T23:59:00.000Z`)]);
  });

  it('rejects a submission time in the future', () => {
    given(enrolmentDecider, started)
      .when(submit('essay', { submittedAt: '2026-03-01T10:00:01Z' }))
      .thenViolates('submittedAt', 'must not be in the future');
  });

  it('rejects a submission time before the start date', () => {
    given(enrolmentDecider, started)
      .when(submit('essay', { submittedAt: '2026-01-31T23:59:59Z' }))
      .thenViolates('submittedAt', 'must be on or after the start date 2026-02-01');
  });

  it('rejects a submission time that is not a date-time', () => {
    given(enrolmentDecider, started)
      .when(submit('essay', { submittedAt: 'yesterday evening' }))
      .thenViolates('submittedAt', 'must be an ISO 8601 date-time');
  });

  it('rejects an unknown identity-verification method', () => {
    given(enrolmentDecider, started)
      .when(submit('essay', { identityVerification: 'fingerprint' as 'none' }))
      .thenViolates('identityVerification', 'single-sign-on, photo-id, online-proctoring, in-person, none');
  });

  it('rejects an unknown component', () => {
    given(enrolmentDecider, started)
      .when(submit('presentation'))
      .thenViolates('componentId', "must be one of this course's components: essay, exam");
  });

  it('refuses a submission after the deadline', () => {
    given(enrolmentDecider, started)
      .when(submit('essay'), at('2026-05-03T00:00:00Z'))
      .thenThrows(StateConflict, `the deadline ${DEADLINE} has passed`);
  });

  it('refuses a submission backdated to before the deadline once the deadline has passed', () => {
    given(enrolmentDecider, started)
      .when(submit('essay', { submittedAt: '2026-05-01T12:00:00Z' }), at('2026-05-20T09:00:00Z'))
      .thenThrows(StateConflict, `the deadline ${DEADLINE} has passed`);
  });

  it('refuses a second submission while the first awaits its mark', () => {
    given(enrolmentDecider, started, workSubmitted('essay'))
      .when(submit('essay'))
      .thenThrows(StateConflict, 'attempt 1 of essay is awaiting its mark');
  });

  it('refuses another attempt at a marked component that was not referred', () => {
    given(enrolmentDecider, started, workSubmitted('essay'), ...finalMark('essay', 58))
      .when(submit('essay'))
      .thenThrows(StateConflict, 'essay is not open for another attempt');
  });

  it('refuses a resubmission after a pass', () => {
    const pass: Outcome = {
      result: 'pass',
      weightedMark: 65,
      grade: 'Merit',
      components: [
        { componentId: 'essay', attempt: 1, mark: 65, passed: true },
        { componentId: 'exam', attempt: 1, mark: 65, passed: true },
      ],
      referredComponents: [],
      note: null,
    };
    given(
      enrolmentDecider,
      started,
      workSubmitted('essay'),
      workSubmitted('exam'),
      ...finalMark('essay', 65),
      ...finalMark('exam', 65),
      outcomeCalculated(pass),
    )
      .when(submit('essay'))
      .thenThrows(StateConflict, 'cannot submit work: enrolment is assessed');
  });

  it('accepts a resubmission of a referred component as attempt 2', () => {
    const { state } = given(enrolmentDecider, ...afterReferral)
      .when(submit('essay'))
      .then([workSubmitted('essay', 2, '2026-03-01T10:00:00.000Z')]);

    expect(state.status === 'none' ? [] : state.attempts.essay?.map((a) => [a.attempt, a.mark])).toEqual([
      [1, 42],
      [2, null],
    ]);
  });

  // Found by the outcome-integrity property test: the referral of attempt 1 still stood while the
  // resubmission's mark awaited sampling, so a third attempt was taken and the board runner could
  // no longer classify the second.
  it('refuses a third attempt while the resubmission awaits its sampling decision', () => {
    given(enrolmentDecider, ...afterReferral, workSubmitted('essay', 2), markRecorded('essay', 45, 2))
      .when(submit('essay'))
      .thenThrows(StateConflict, 'essay is not open for another attempt');
  });

  it('refuses a third attempt while the resubmission awaits moderation', () => {
    given(
      enrolmentDecider,
      ...afterReferral,
      workSubmitted('essay', 2),
      markRecorded('essay', 45, 2),
      markSampled('essay', 'fail', 2),
    )
      .when(submit('essay'))
      .thenThrows(StateConflict, 'essay is not open for another attempt');
  });

  it('refuses a third attempt at a component resubmitted and final while another referred one awaits its mark', () => {
    given(
      enrolmentDecider,
      started,
      workSubmitted('essay'),
      workSubmitted('exam'),
      ...finalMark('essay', 42),
      ...finalMark('exam', 46),
      outcomeCalculated(bothReferred(42, 46, 44)),
      workSubmitted('essay', 2),
      workSubmitted('exam', 2),
      ...finalMark('essay', 45, 2),
    )
      .when(submit('essay'))
      .thenThrows(StateConflict, 'essay is not open for another attempt');
  });

  it('opens attempt 3 once an outcome calculated on attempt 2 refers the component again', () => {
    const threeAttempts = enrolmentStarted({ scheme: { ...DATA_ETHICS_SCHEME, maxAttempts: 3 } });
    const referredAgain: Outcome = {
      ...essayReferred,
      components: [
        { componentId: 'essay', attempt: 2, mark: 45, passed: false },
        { componentId: 'exam', attempt: 1, mark: 65, passed: true },
      ],
    };
    given(
      enrolmentDecider,
      threeAttempts,
      ...afterReferral.slice(1),
      workSubmitted('essay', 2),
      ...finalMark('essay', 45, 2),
      outcomeCalculated(referredAgain),
    )
      .when(submit('essay'))
      .then([workSubmitted('essay', 3, '2026-03-01T10:00:00.000Z')]);
  });

  it('refuses another attempt at a component that passed when another was referred', () => {
    given(enrolmentDecider, ...afterReferral)
      .when(submit('exam'))
      .thenThrows(StateConflict, 'exam is not open for another attempt');
  });

  it('refuses a submission after the learner was deemed withdrawn', () => {
    given(enrolmentDecider, started, deemedWithdrawn(['essay', 'exam'], '2026-05-03'))
      .when(submit('essay', { submittedAt: '2026-04-30T12:00:00Z' }), at('2026-05-04T09:00:00Z'))
      .thenThrows(StateConflict, 'cannot submit work: enrolment is withdrawn');
  });

  it('refuses a submission to an enrolment that does not exist', () => {
    given(enrolmentDecider).when(submit('essay')).thenThrows(NotFound, 'enrolment not found');
  });
});
