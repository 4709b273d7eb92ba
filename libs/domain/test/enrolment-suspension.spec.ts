import { enrolmentDecider, NotFound, StateConflict } from '#domain';
import { at, given } from './given-when-then.js';
import {
  DEADLINE,
  deemedWithdrawn,
  enrolmentStarted,
  extend,
  extensionGranted,
  resume,
  resumed,
  submit,
  suspend,
  suspended,
} from './fixtures.js';

// Started 2026-02-01, 90 days: deadline 2026-05-02. Today is 2026-03-01.
const started = enrolmentStarted();

describe('SuspendEnrolment / ResumeEnrolment: suspension stops the clock', () => {
  it('suspends from a given day, with a trimmed reason, leaving the deadline until resumption', () => {
    const { state } = given(enrolmentDecider, started)
      .when(suspend('2026-02-20', '  Serious illness (medical certificate on file) '))
      .then([suspended('2026-02-20')]);

    expect(state).toMatchObject({
      status: 'suspended',
      suspension: { from: '2026-02-20', reason: 'Serious illness (medical certificate on file)' },
      deadline: DEADLINE,
    });
  });

  it('moves the deadline on by the days suspended when resumed', () => {
    const { state } = given(enrolmentDecider, started, suspended('2026-02-20'))
      .when(resume('2026-03-01'))
      .then([resumed('2026-03-01', 9, '2026-05-11')]);

    expect(state).toMatchObject({ status: 'active', suspension: null, suspendedDays: 9, deadline: '2026-05-11' });
  });

  it('counts no days when resumed on the day of suspension', () => {
    given(enrolmentDecider, started, suspended('2026-02-20'))
      .when(resume('2026-02-20'))
      .then([resumed('2026-02-20', 0, DEADLINE)]);
  });

  it('adds up the days of two suspensions', () => {
    const { state } = given(
      enrolmentDecider,
      started,
      suspended('2026-02-05'),
      resumed('2026-02-10', 5, '2026-05-07'),
      suspended('2026-02-20'),
    )
      .when(resume('2026-03-01'))
      .then([resumed('2026-03-01', 9, '2026-05-16')]); // 90 + 5 + 9 days from 2026-02-01

    expect(state).toMatchObject({ suspendedDays: 14, deadline: '2026-05-16' });
  });

  it('may suspend on the deadline itself, after it has passed', () => {
    given(enrolmentDecider, started)
      .when(suspend(DEADLINE), at('2026-05-10T09:00:00Z'))
      .then([suspended(DEADLINE)]);
  });

  it('refuses to suspend a suspended enrolment', () => {
    given(enrolmentDecider, started, suspended('2026-02-20'))
      .when(suspend('2026-02-25'))
      .thenThrows(StateConflict, 'cannot suspend: enrolment is suspended');
  });

  it('refuses to resume an active enrolment', () => {
    given(enrolmentDecider, started)
      .when(resume('2026-03-01'))
      .thenThrows(StateConflict, 'cannot resume: enrolment is active');
  });

  it('refuses to suspend a withdrawn enrolment', () => {
    given(enrolmentDecider, started, deemedWithdrawn(['essay', 'exam'], '2026-05-03'))
      .when(suspend('2026-04-01'), at('2026-05-10T09:00:00Z'))
      .thenThrows(StateConflict, 'cannot suspend: enrolment is withdrawn');
  });

  it('refuses to suspend or resume an enrolment that does not exist', () => {
    given(enrolmentDecider).when(suspend('2026-02-20')).thenThrows(NotFound, 'enrolment not found');
    given(enrolmentDecider).when(resume('2026-03-01')).thenThrows(NotFound, 'enrolment not found');
  });

  it.each([
    ['before the start date', '2026-01-31', 'must be on or after the start date 2026-02-01'],
    ['in the future', '2026-03-02', 'must not be in the future'],
    ['not a date', '2026-02-31', 'must be a date as YYYY-MM-DD'],
  ])('rejects a suspension from %s', (_case, from, rule) => {
    given(enrolmentDecider, started).when(suspend(from)).thenViolates('from', rule);
  });

  it('rejects a suspension from after the deadline', () => {
    given(enrolmentDecider, started)
      .when(suspend('2026-05-03'), at('2026-05-10T09:00:00Z'))
      .thenViolates('from', `must be on or before the deadline ${DEADLINE}`);
  });

  it('rejects a suspension without a reason', () => {
    given(enrolmentDecider, started).when(suspend('2026-02-20', ' ')).thenViolates('reason');
  });

  it('rejects a suspension that starts inside an earlier one (days would count twice)', () => {
    given(enrolmentDecider, started, suspended('2026-02-05'), resumed('2026-02-15', 10, '2026-05-12'))
      .when(suspend('2026-02-10'))
      .thenViolates('from', 'must be on or after the last resumption 2026-02-15');
  });

  it('allows a new suspension from the day of the last resumption', () => {
    given(enrolmentDecider, started, suspended('2026-02-05'), resumed('2026-02-15', 10, '2026-05-12'))
      .when(suspend('2026-02-15'))
      .then([suspended('2026-02-15')]);
  });

  it.each([
    ['before the suspension date', '2026-02-19', 'must be on or after the suspension date 2026-02-20'],
    ['in the future', '2026-03-02', 'must not be in the future'],
    ['not a date', '01/03/2026', 'must be a date as YYYY-MM-DD'],
  ])('rejects a resumption %s', (_case, on, rule) => {
    given(enrolmentDecider, started, suspended('2026-02-20')).when(resume(on)).thenViolates('on', rule);
  });

  it('refuses submissions while suspended', () => {
    given(enrolmentDecider, started, suspended('2026-02-20'))
      .when(submit('essay'))
      .thenThrows(StateConflict, 'cannot submit work: enrolment is suspended');
  });
});

describe('GrantExtension', () => {
  it('moves the deadline on by the days granted', () => {
    const { state } = given(enrolmentDecider, started)
      .when(extend(14, ' Mitigating circumstances: bereavement '))
      .then([extensionGranted(14, '2026-05-16')]);

    expect(state).toMatchObject({ extensionDays: 14, deadline: '2026-05-16' });
  });

  it('adds extensions to the days suspended', () => {
    const { state } = given(enrolmentDecider, started, extensionGranted(14, '2026-05-16'), suspended('2026-02-20'))
      .when(resume('2026-03-01'))
      .then([resumed('2026-03-01', 9, '2026-05-25')]); // 90 + 14 + 9 days from 2026-02-01

    expect(state).toMatchObject({ suspendedDays: 9, extensionDays: 14, deadline: '2026-05-25' });
  });

  it('may be granted while suspended', () => {
    given(enrolmentDecider, started, suspended('2026-02-20'))
      .when(extend(5))
      .then([extensionGranted(5, '2026-05-07')]);
  });

  it.each([0, -3, 1.5, 366])('rejects %p days', (days) => {
    given(enrolmentDecider, started).when(extend(days)).thenViolates('days', 'must be a whole number from 1 to 365');
  });

  it('rejects an extension without a reason', () => {
    given(enrolmentDecider, started).when(extend(7, '')).thenViolates('reason');
  });

  it('refuses an extension once the enrolment is withdrawn', () => {
    given(enrolmentDecider, started, deemedWithdrawn(['essay', 'exam'], '2026-05-03'))
      .when(extend(7))
      .thenThrows(StateConflict, 'cannot grant an extension: enrolment is withdrawn');
  });
});
