import {
  ADJUSTMENT_DAYS_RULE,
  ADJUSTMENT_TYPE_RULE,
  enrolmentDecider,
  NotFound,
  StateConflict,
  TEXT_RULE,
  type AdjustmentType,
  type EnrolmentEvent,
} from '#domain';
import { at, given } from './given-when-then.js';
import {
  DEADLINE,
  deemedWithdrawn,
  ENROLMENT_ID,
  enrolmentStarted,
  extend,
  extensionGranted,
  resume,
  resumed,
  suspended,
} from './fixtures.js';

// Started 2026-02-01, 90 days: deadline 2026-05-02. Today is 2026-03-01.
const REGISTRY = 'registry-officer';
const ADJUSTMENT = 'adj-0001';

const recordAdjustment = (type: AdjustmentType, extensionDays?: number, note?: string) => ({
  type: 'RecordReasonableAdjustment' as const,
  data: {
    adjustmentId: ADJUSTMENT,
    type,
    approvedBy: REGISTRY,
    ...(extensionDays === undefined ? {} : { extensionDays }),
    ...(note === undefined ? {} : { note }),
  },
});
const withdrawAdjustment = (reason = 'Assessment moved online', adjustmentId = ADJUSTMENT) => ({
  type: 'WithdrawReasonableAdjustment' as const,
  data: { adjustmentId, reason, withdrawnBy: REGISTRY },
});
const adjustmentRecorded = (
  extensionDays: number,
  deadline: string,
  options: { type?: AdjustmentType; note?: string | null; recordedAt?: string } = {},
): EnrolmentEvent => ({
  type: 'ReasonableAdjustmentRecorded',
  data: {
    enrolmentId: ENROLMENT_ID,
    adjustmentId: ADJUSTMENT,
    type: options.type ?? 'extra-time',
    extensionDays,
    note: options.note ?? null,
    approvedBy: REGISTRY,
    recordedAt: options.recordedAt ?? '2026-03-01T10:00:00.000Z',
    deadline,
  },
});
const adjustmentWithdrawn = (extensionDays: number, deadline: string, withdrawnAt: string): EnrolmentEvent => ({
  type: 'ReasonableAdjustmentWithdrawn',
  data: {
    enrolmentId: ENROLMENT_ID,
    adjustmentId: ADJUSTMENT,
    extensionDays,
    reason: 'Assessment moved online',
    withdrawnBy: REGISTRY,
    withdrawnAt,
    deadline,
  },
});

describe('RecordReasonableAdjustment: an adjustment on the enrolment, approved by the registry', () => {
  it('records the adjustment and moves the submission deadline by its extension days', () => {
    const { state } = given(enrolmentDecider, enrolmentStarted())
      .when(recordAdjustment('extra-time', 14, '  25% extra time in timed work; +14 days on the essay '))
      .then([adjustmentRecorded(14, '2026-05-16', { note: '25% extra time in timed work; +14 days on the essay' })]);

    expect(state).toMatchObject({
      extensionDays: 14,
      deadline: '2026-05-16',
      adjustments: [{ adjustmentId: ADJUSTMENT, type: 'extra-time', extensionDays: 14, withdrawal: null }],
    });
  });

  it('records an adjustment that changes how, not when, with the deadline unchanged', () => {
    const { state } = given(enrolmentDecider, enrolmentStarted())
      .when(recordAdjustment('alternative-format'))
      .then([adjustmentRecorded(0, DEADLINE, { type: 'alternative-format' })]);
    expect(state).toMatchObject({ extensionDays: 0, deadline: DEADLINE });
  });

  it('adds to extensions already granted, and a later suspension still moves the deadline on from there', () => {
    const { state } = given(enrolmentDecider, enrolmentStarted(), extensionGranted(7, '2026-05-09'))
      .when(recordAdjustment('rest-breaks', 3))
      .then([adjustmentRecorded(3, '2026-05-12', { type: 'rest-breaks' })]);
    expect(state).toMatchObject({ extensionDays: 10, deadline: '2026-05-12' });

    given(enrolmentDecider, enrolmentStarted(), adjustmentRecorded(3, '2026-05-05'), suspended('2026-02-20'))
      .when(resume('2026-03-01'))
      .then([resumed('2026-03-01', 9, '2026-05-14')]); // 90 + 3 + 9 days from 2026-02-01
    given(enrolmentDecider, enrolmentStarted(), adjustmentRecorded(3, '2026-05-05'))
      .when(extend(7))
      .then([extensionGranted(7, '2026-05-12')]);
  });

  it('refuses a type not on the list, naming the field and the list', () => {
    given(enrolmentDecider, enrolmentStarted())
      .when(recordAdjustment('a-quiet-room' as AdjustmentType))
      .thenViolates('type', ADJUSTMENT_TYPE_RULE);
  });

  it.each([-1, 1.5, 366])('refuses extension days of %p', (days) => {
    given(enrolmentDecider, enrolmentStarted())
      .when(recordAdjustment('extra-time', days))
      .thenViolates('extensionDays', ADJUSTMENT_DAYS_RULE);
  });

  it.each(['', '   ', 'x'.repeat(1001)])('refuses a note that is blank or too long (%#)', (note) => {
    given(enrolmentDecider, enrolmentStarted())
      .when(recordAdjustment('other', 0, note))
      .thenViolates('note', TEXT_RULE);
  });

  it('refuses an enrolment that is no longer open for study, or does not exist', () => {
    given(enrolmentDecider, enrolmentStarted(), deemedWithdrawn(['essay'], '2026-05-03'))
      .when(recordAdjustment('extra-time', 7))
      .thenThrows(StateConflict, 'cannot record a reasonable adjustment: enrolment is withdrawn');
    given(enrolmentDecider).when(recordAdjustment('extra-time', 7)).thenThrows(NotFound);
  });

  it('refuses the same adjustment id twice', () => {
    given(enrolmentDecider, enrolmentStarted(), adjustmentRecorded(0, DEADLINE))
      .when(recordAdjustment('extra-time'))
      .thenThrows(StateConflict, /already recorded/);
  });
});

describe('WithdrawReasonableAdjustment: the registry withdraws an adjustment', () => {
  const withAdjustment = [enrolmentStarted(), adjustmentRecorded(14, '2026-05-16')];

  it('keeps it on the record, marked withdrawn, and takes its days off the deadline', () => {
    const { state } = given(enrolmentDecider, ...withAdjustment)
      .when(withdrawAdjustment(' Assessment moved online '), at('2026-04-01T09:00:00Z'))
      .then([adjustmentWithdrawn(14, DEADLINE, '2026-04-01T09:00:00.000Z')]);
    expect(state).toMatchObject({
      extensionDays: 0,
      deadline: DEADLINE,
      adjustments: [
        { adjustmentId: ADJUSTMENT, withdrawal: { reason: 'Assessment moved online', withdrawnBy: REGISTRY } },
      ],
    });
  });

  it('refuses when the deadline it would restore has passed: the learner relied on the later one', () => {
    given(enrolmentDecider, ...withAdjustment)
      .when(withdrawAdjustment(), at('2026-05-10T09:00:00Z'))
      .thenThrows(StateConflict, /move the deadline back to 2026-05-02, which has passed/);
  });

  it('refuses a blank reason, naming the field', () => {
    given(enrolmentDecider, ...withAdjustment)
      .when(withdrawAdjustment('  '))
      .thenViolates('reason', TEXT_RULE);
  });

  it('refuses an unknown adjustment (404) and one already withdrawn (409)', () => {
    given(enrolmentDecider, ...withAdjustment)
      .when(withdrawAdjustment('Moved', 'adj-none'))
      .thenThrows(NotFound);
    given(enrolmentDecider, ...withAdjustment, adjustmentWithdrawn(14, DEADLINE, '2026-03-01T10:00:00.000Z'))
      .when(withdrawAdjustment())
      .thenThrows(StateConflict, /was withdrawn on/);
  });
});
