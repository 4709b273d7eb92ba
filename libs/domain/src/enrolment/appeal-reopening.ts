import type { Clock } from '../shared/clock.js';
import { StateConflict, Violations } from '../shared/errors.js';
import { isNonBlank, isText, TEXT_RULE } from '../shared/text.js';
import { APPEAL_REMEDIES } from '../appeal/appeal.events.js';
import type { CoreEnrolmentEvent } from './enrolment.events.js';
import { componentIdsOf, isComponentOf, requireEnrolment } from './enrolment.guards.js';
import type { EnrolmentState } from './enrolment.state.js';
import type { ReopenOnAppeal } from './moderation.events.js';

/**
 * An upheld appeal sets the confirmed decision of the appealed case aside. With `re-moderate` the
 * component's latest mark goes back to a moderator (reason `appeal`), and the outcome is recalculated
 * once it is moderated; with `reopen-case` the outcome goes back to the board as it stands.
 */
export const reopenOnAppeal = ({ data }: ReopenOnAppeal, state: EnrolmentState, clock: Clock): CoreEnrolmentEvent[] => {
  const e = requireEnrolment(state);
  const remoderating = data.remedy === 're-moderate';
  new Violations()
    .check(isNonBlank(data.appealId), 'appealId', 'must be 1-200 characters')
    .check(isNonBlank(data.caseId), 'caseId', 'must be 1-200 characters')
    .check(APPEAL_REMEDIES.includes(data.remedy), 'remedy', `must be one of ${APPEAL_REMEDIES.join(', ')}`)
    .check(
      remoderating ? isComponentOf(e, data.componentId) : data.componentId === null,
      'componentId',
      remoderating ? `must be one of this course's components: ${componentIdsOf(e)}` : 'must be null',
    )
    .check(isText(data.reason), 'reason', TEXT_RULE)
    .throwIfAny();
  // The runner may replay the upheld appeal: an appeal that already reopened the decision changes nothing.
  if (e.appeals.some((a) => a.appealId === data.appealId)) return [];
  if (e.confirmation === null) throw new StateConflict(`cannot reopen on appeal: enrolment is ${e.status}`);
  if (e.confirmation.caseId !== data.caseId)
    throw new StateConflict(
      `the decision of case ${data.caseId} under appeal no longer stands: case ${e.confirmation.caseId} confirmed the outcome since`,
    );
  const reopened: CoreEnrolmentEvent = {
    type: 'OutcomeReopenedOnAppeal',
    data: {
      enrolmentId: e.enrolmentId,
      appealId: data.appealId,
      caseId: data.caseId,
      remedy: data.remedy,
      componentId: data.componentId,
      reason: data.reason.trim(),
      reopenedAt: clock.now().toISOString(),
    },
  };
  if (!remoderating || data.componentId === null) return [reopened];
  const last = e.attempts[data.componentId]?.at(-1);
  if (!last || last.mark === null || last.markerId === null)
    throw new StateConflict(`${data.componentId} has no mark to re-moderate`);
  return [
    reopened,
    {
      type: 'MarkSampledForModeration',
      data: {
        enrolmentId: e.enrolmentId,
        componentId: data.componentId,
        attempt: last.attempt,
        markerId: last.markerId,
        reason: 'appeal',
        note: data.reason.trim(),
      },
    },
  ];
};
