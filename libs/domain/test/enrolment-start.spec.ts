import { enrolmentDecider, fold, learnerDecider, NotFound, StateConflict } from '#domain';
import { given, NOW } from './given-when-then.js';
import {
  COURSE_ID,
  courseState,
  ENROLMENT_ID,
  enrolmentStarted,
  LEARNER_ID,
  learnerErased,
  learnerRegistered,
  startEnrolment,
} from './fixtures.js';

// Today is 2026-03-01 (NOW); Data Ethics gives 90 days from the start date.
const ENROLLED_AT = new Date(NOW).toISOString();

describe('StartEnrolment', () => {
  it("starts on the learner's own start date with deadline = start + maxEngagementDays", () => {
    const { state } = given(enrolmentDecider)
      .when(startEnrolment('2026-03-01'))
      .then([enrolmentStarted({ startDate: '2026-03-01', deadline: '2026-05-30', enrolledAt: ENROLLED_AT })]);

    expect(state).toMatchObject({
      status: 'active',
      enrolmentId: ENROLMENT_ID,
      learnerId: LEARNER_ID,
      courseId: COURSE_ID,
      deadline: '2026-05-30',
      suspendedDays: 0,
      extensionDays: 0,
      suspension: null,
      attempts: { essay: [], exam: [] },
      outcome: null,
    });
  });

  it.each([
    ['a past day', '2026-02-01', '2026-05-02'],
    ['a future day', '2026-06-15', '2026-09-13'],
    ['a year ahead', '2027-03-01', '2027-05-30'],
  ])('accepts any start date, e.g. %s (%s, deadline %s)', (_case, startDate, deadline) => {
    given(enrolmentDecider)
      .when(startEnrolment(startDate))
      .then([enrolmentStarted({ startDate, deadline, enrolledAt: ENROLLED_AT })]);
  });

  it("uses the course's maximum engagement period", () => {
    given(enrolmentDecider)
      .when(startEnrolment('2026-03-01', { course: courseState({ maxEngagementDays: 30 }) }))
      .then([
        enrolmentStarted({
          startDate: '2026-03-01',
          maxEngagementDays: 30,
          deadline: '2026-03-31',
          enrolledAt: ENROLLED_AT,
        }),
      ]);
  });

  it("captures the course's assessment scheme at enrolment", () => {
    const components = [
      { id: 'essay', title: 'Case-study essay', weight: 70, passMark: 40 },
      { id: 'exam', title: 'Online examination', weight: 30, passMark: 45 },
    ];
    const { state } = given(enrolmentDecider)
      .when(startEnrolment('2026-03-01', { course: courseState({ passMark: 45, maxAttempts: 3, components }) }))
      .then([
        enrolmentStarted({
          startDate: '2026-03-01',
          deadline: '2026-05-30',
          scheme: { passMark: 45, maxAttempts: 3, components },
          enrolledAt: ENROLLED_AT,
        }),
      ]);

    expect(state).toMatchObject({ scheme: { passMark: 45, maxAttempts: 3, components } });
  });

  it('refuses an unknown learner', () => {
    given(enrolmentDecider)
      .when(startEnrolment('2026-03-01', { learner: { status: 'none' } }))
      .thenThrows(NotFound, `learner ${LEARNER_ID} not found`);
  });

  it('refuses a learner whose personal data was erased', () => {
    given(enrolmentDecider)
      .when(
        startEnrolment('2026-03-01', {
          learner: fold(learnerDecider, [learnerRegistered(), learnerErased('2026-02-01T09:00:00.000Z')]),
        }),
      )
      .thenThrows(StateConflict, `learner ${LEARNER_ID} was erased on 2026-02-01T09:00:00.000Z: no new enrolments`);
  });

  it('refuses an unknown course', () => {
    given(enrolmentDecider)
      .when(startEnrolment('2026-03-01', { course: { status: 'none' } }))
      .thenThrows(NotFound, `course ${COURSE_ID} not found`);
  });

  it.each(['2026-02-30', '1 March 2026', '2026-3-1', ''])('rejects the start date %p', (startDate) => {
    given(enrolmentDecider).when(startEnrolment(startDate)).thenViolates('startDate', 'must be a date as YYYY-MM-DD');
  });

  it('rejects a start date more than 365 days ahead', () => {
    given(enrolmentDecider)
      .when(startEnrolment('2027-03-02'))
      .thenViolates('startDate', 'must be no more than 365 days ahead');
  });

  it('rejects a start date whose engagement period is already over', () => {
    given(enrolmentDecider)
      .when(startEnrolment('2025-11-30')) // + 90 days = 2026-02-28, before today
      .thenViolates('startDate', 'is too early: the engagement period would have ended on 2026-02-28');
  });

  it('accepts a start date whose engagement period ends today', () => {
    given(enrolmentDecider)
      .when(startEnrolment('2025-12-01'))
      .then([enrolmentStarted({ startDate: '2025-12-01', deadline: '2026-03-01', enrolledAt: ENROLLED_AT })]);
  });

  describe('no enrolment after the course withdrawal date', () => {
    it.each([
      ['on the withdrawal date', '2026-06-01'],
      ['after the withdrawal date', '2026-06-02'],
    ])('refuses a start %s', (_case, startDate) => {
      given(enrolmentDecider)
        .when(startEnrolment(startDate, { course: courseState({ withdrawnFrom: '2026-06-01' }) }))
        .thenThrows(StateConflict, 'course DE701 is withdrawn from 2026-06-01: no new enrolments');
    });

    it.each([
      ['today', '2026-03-01'],
      ['in the past', '2026-02-15'],
    ])('refuses any start once the withdrawal date (%s) has come', (_case, withdrawnFrom) => {
      given(enrolmentDecider)
        .when(startEnrolment('2026-02-10', { course: courseState({ withdrawnFrom }) }))
        .thenThrows(StateConflict, `withdrawn from ${withdrawnFrom}`);
    });

    it('accepts a start the day before the withdrawal date', () => {
      given(enrolmentDecider)
        .when(startEnrolment('2026-05-31', { course: courseState({ withdrawnFrom: '2026-06-01' }) }))
        .then([enrolmentStarted({ startDate: '2026-05-31', deadline: '2026-08-29', enrolledAt: ENROLLED_AT })]);
    });
  });

  it('refuses to start the same enrolment twice', () => {
    given(enrolmentDecider, enrolmentStarted())
      .when(startEnrolment('2026-03-01'))
      .thenThrows(StateConflict, `enrolment ${ENROLMENT_ID} already exists`);
  });
});
