import type { CoreEnrolmentEvent } from './enrolment.events.js';
import { requireEnrolment, requireStatus } from './enrolment.guards.js';
import type { EnrolmentState, EnrolmentStatus } from './enrolment.state.js';
import type { Clock } from '../shared/clock.js';
import { Violations } from '../shared/errors.js';
import { isNonBlank, isText, TEXT_RULE } from '../shared/text.js';
import type { ClaimMitigatingCircumstances, RaiseIntegrityFlag } from './moderation.events.js';

/**
 * Mitigating circumstances and integrity flags make a case unclean, so the board (not delegated
 * authority) decides it. They can be raised until the outcome is confirmed.
 */
const OPEN: EnrolmentStatus[] = ['active', 'suspended', 'assessed'];

export const claimMitigatingCircumstances = (
  { data }: ClaimMitigatingCircumstances,
  state: EnrolmentState,
  clock: Clock,
): CoreEnrolmentEvent[] => {
  const e = requireEnrolment(state);
  new Violations().check(isText(data.reason), 'reason', TEXT_RULE).throwIfAny();
  requireStatus(e, OPEN, 'claim mitigating circumstances');
  return [
    {
      type: 'MitigatingCircumstancesClaimed',
      data: { enrolmentId: e.enrolmentId, reason: data.reason.trim(), claimedAt: clock.now().toISOString() },
    },
  ];
};

export const raiseIntegrityFlag = (
  { data }: RaiseIntegrityFlag,
  state: EnrolmentState,
  clock: Clock,
): CoreEnrolmentEvent[] => {
  const e = requireEnrolment(state);
  new Violations()
    .check(isText(data.reason), 'reason', TEXT_RULE)
    .check(isNonBlank(data.raisedBy), 'raisedBy', 'must be 1-200 characters')
    .throwIfAny();
  requireStatus(e, OPEN, 'raise an integrity flag');
  return [
    {
      type: 'IntegrityFlagRaised',
      data: {
        enrolmentId: e.enrolmentId,
        reason: data.reason.trim(),
        raisedBy: data.raisedBy.trim(),
        raisedAt: clock.now().toISOString(),
      },
    },
  ];
};
