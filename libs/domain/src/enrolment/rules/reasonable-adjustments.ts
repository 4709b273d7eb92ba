import type { Clock } from '../../shared/clock.js';
import { toIsoDate, type IsoDate } from '../../shared/dates.js';
import type { DomainEvent } from '../../shared/decider.js';
import type { DeciderRule } from '../../shared/decider-rule.js';
import { NotFound, StateConflict, Violations } from '../../shared/errors.js';
import { isText, TEXT_RULE } from '../../shared/text.js';
import { deadlineOf, MAX_EXTENSION_DAYS } from '../deadline.js';
import { requireEnrolment, requireStatus } from '../enrolment.guards.js';
import type { Enrolment, EnrolmentState } from '../enrolment.state.js';

/** The kinds of reasonable adjustment a registry records (Equality Act 2010 s.20). */
export const ADJUSTMENT_TYPES = [
  'extra-time',
  'alternative-format',
  'rest-breaks',
  'assistive-technology',
  'other',
] as const;
export type AdjustmentType = (typeof ADJUSTMENT_TYPES)[number];
export const ADJUSTMENT_TYPE_RULE = `must be one of ${ADJUSTMENT_TYPES.join(', ')}`;
export const ADJUSTMENT_DAYS_RULE = `must be a whole number from 0 to ${MAX_EXTENSION_DAYS}`;

/** An adjustment as the enrolment keeps it; a withdrawn one stays on the record, marked withdrawn. */
export interface ReasonableAdjustment {
  adjustmentId: string;
  type: AdjustmentType;
  /** Days the adjustment adds to the submission deadline (0: it changes how, not when). */
  extensionDays: number;
  note: string | null;
  approvedBy: string;
  recordedAt: string;
  withdrawal: { reason: string; withdrawnBy: string; withdrawnAt: string } | null;
}

export type ReasonableAdjustmentRecorded = DomainEvent<
  'ReasonableAdjustmentRecorded',
  Omit<ReasonableAdjustment, 'withdrawal'> & { enrolmentId: string; deadline: IsoDate }
>;
export type ReasonableAdjustmentWithdrawn = DomainEvent<
  'ReasonableAdjustmentWithdrawn',
  {
    enrolmentId: string;
    adjustmentId: string;
    extensionDays: number;
    reason: string;
    withdrawnBy: string;
    withdrawnAt: string;
    deadline: IsoDate;
  }
>;
/** What markers and the board apply: the adjustments not withdrawn. */
export const adjustmentsInForce = (e: Pick<Enrolment, 'adjustments'>): ReasonableAdjustment[] =>
  (e.adjustments ?? []).filter((a) => a.withdrawal === null);

export type RecordReasonableAdjustment = {
  type: 'RecordReasonableAdjustment';
  data: { adjustmentId: string; type: AdjustmentType; extensionDays?: number; note?: string; approvedBy: string };
};
export type WithdrawReasonableAdjustment = {
  type: 'WithdrawReasonableAdjustment';
  data: { adjustmentId: string; reason: string; withdrawnBy: string };
};
export type ReasonableAdjustmentCommand = RecordReasonableAdjustment | WithdrawReasonableAdjustment;
export type ReasonableAdjustmentEvent = ReasonableAdjustmentRecorded | ReasonableAdjustmentWithdrawn;

/** While the learner is still studying: after that a deadline moves nothing. */
const WHILE_STUDYING: Enrolment['status'][] = ['active', 'suspended'];

const deadlineWith = (e: Enrolment, extensionDays: number): IsoDate =>
  deadlineOf(e.startDate, e.maxEngagementDays, e.suspendedDays, extensionDays);

const record = ({ data }: RecordReasonableAdjustment, state: EnrolmentState, clock: Clock) => {
  const e = requireEnrolment(state);
  const days = data.extensionDays ?? 0;
  new Violations()
    .check(ADJUSTMENT_TYPES.includes(data.type), 'type', ADJUSTMENT_TYPE_RULE)
    .check(Number.isInteger(days) && days >= 0 && days <= MAX_EXTENSION_DAYS, 'extensionDays', ADJUSTMENT_DAYS_RULE)
    .check(data.note === undefined || isText(data.note), 'note', TEXT_RULE)
    .throwIfAny();
  requireStatus(e, WHILE_STUDYING, 'record a reasonable adjustment');
  if ((e.adjustments ?? []).some((a) => a.adjustmentId === data.adjustmentId))
    throw new StateConflict(`adjustment ${data.adjustmentId} is already recorded`);
  const recorded: ReasonableAdjustmentRecorded = {
    type: 'ReasonableAdjustmentRecorded',
    data: {
      enrolmentId: e.enrolmentId,
      adjustmentId: data.adjustmentId,
      type: data.type,
      extensionDays: days,
      note: data.note?.trim() ?? null,
      approvedBy: data.approvedBy,
      recordedAt: clock.now().toISOString(),
      deadline: deadlineWith(e, e.extensionDays + days),
    },
  };
  return [recorded];
};

/**
 * Withdrawing takes the adjustment's days off the deadline again, unless the deadline so restored
 * has passed: the learner relied on the later one.
 */
const withdraw = ({ data }: WithdrawReasonableAdjustment, state: EnrolmentState, clock: Clock) => {
  const e = requireEnrolment(state);
  new Violations().check(isText(data.reason), 'reason', TEXT_RULE).throwIfAny();
  const adjustment = (e.adjustments ?? []).find((a) => a.adjustmentId === data.adjustmentId);
  if (!adjustment) throw new NotFound(`adjustment ${data.adjustmentId} not found on enrolment ${e.enrolmentId}`);
  if (adjustment.withdrawal !== null)
    throw new StateConflict(`adjustment ${data.adjustmentId} was withdrawn on ${adjustment.withdrawal.withdrawnAt}`);
  requireStatus(e, WHILE_STUDYING, 'withdraw a reasonable adjustment');
  const deadline = deadlineWith(e, e.extensionDays - adjustment.extensionDays);
  if (deadline < toIsoDate(clock.now()))
    throw new StateConflict(
      `withdrawing adjustment ${data.adjustmentId} would move the deadline back to ${deadline}, which has passed`,
    );
  const withdrawn: ReasonableAdjustmentWithdrawn = {
    type: 'ReasonableAdjustmentWithdrawn',
    data: {
      enrolmentId: e.enrolmentId,
      adjustmentId: data.adjustmentId,
      extensionDays: adjustment.extensionDays,
      reason: data.reason.trim(),
      withdrawnBy: data.withdrawnBy,
      withdrawnAt: clock.now().toISOString(),
      deadline,
    },
  };
  return [withdrawn];
};

const decide = (command: ReasonableAdjustmentCommand, state: EnrolmentState, clock: Clock) =>
  command.type === 'RecordReasonableAdjustment' ? record(command, state, clock) : withdraw(command, state, clock);

/** An adjustment's days count as extension days, so suspension and extensions move the deadline as before. */
const evolve = (state: EnrolmentState, event: ReasonableAdjustmentEvent): EnrolmentState => {
  if (state.status === 'none') return state;
  const adjustments = state.adjustments ?? [];
  if (event.type === 'ReasonableAdjustmentRecorded') {
    const { enrolmentId: _id, deadline: _deadline, ...adjustment } = event.data;
    const extensionDays = state.extensionDays + adjustment.extensionDays;
    return {
      ...state,
      extensionDays,
      deadline: deadlineWith(state, extensionDays),
      adjustments: [...adjustments, { ...adjustment, withdrawal: null }],
    };
  }
  const { adjustmentId, reason, withdrawnBy, withdrawnAt } = event.data;
  const extensionDays = state.extensionDays - event.data.extensionDays;
  return {
    ...state,
    extensionDays,
    deadline: deadlineWith(state, extensionDays),
    adjustments: adjustments.map((a) =>
      a.adjustmentId === adjustmentId ? { ...a, withdrawal: { reason, withdrawnBy, withdrawnAt } } : a,
    ),
  };
};

export const reasonableAdjustments: DeciderRule<
  ReasonableAdjustmentCommand,
  ReasonableAdjustmentEvent,
  EnrolmentState
> = {
  commandTypes: ['RecordReasonableAdjustment', 'WithdrawReasonableAdjustment'],
  eventTypes: ['ReasonableAdjustmentRecorded', 'ReasonableAdjustmentWithdrawn'],
  decide,
  evolve,
};
