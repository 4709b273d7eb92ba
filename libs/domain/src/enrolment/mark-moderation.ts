import type { CoreEnrolmentEvent } from './enrolment.events.js';
import { componentRule, isComponentOf, requireEnrolment, requireStatus } from './enrolment.guards.js';
import { applyCoreEvent, latestMarks, type Enrolment, type EnrolmentState } from './enrolment.state.js';
import { calculateOutcome } from './grading.js';
import type { Clock } from '../shared/clock.js';
import { StateConflict, Violations } from '../shared/errors.js';
import { isMark, MARK_RULE } from '../shared/marks.js';
import { isNonBlank, isText, TEXT_RULE } from '../shared/text.js';
import type { AmendMark, ClassifyMark, MarkAmended, ModerateMark } from './moderation.events.js';
import { requireEligibleModerator, requireMarkerIsNotLearner } from './moderator-eligibility.js';
import { SAMPLING_REASONS } from './sampling.js';

const MODERATION_DECISIONS = ['agreed', 'adjusted'] as const;

/**
 * Decides `finalising` (a release or a moderation) and, when it makes the last outstanding mark
 * final, the outcome with it: the board runner then sees the outcome in the same append.
 */
const withOutcomeOnceFinal = (
  e: Enrolment,
  finalising: CoreEnrolmentEvent,
  calculatedAt: string,
): CoreEnrolmentEvent[] => {
  const marks = latestMarks(applyCoreEvent(e, finalising) as Enrolment);
  if (!marks) return [finalising];
  const outcome = calculateOutcome(e.scheme, marks);
  return [finalising, { type: 'OutcomeCalculated', data: { enrolmentId: e.enrolmentId, ...outcome, calculatedAt } }];
};

/** The runner's sampling decision on a pending mark: sampled for moderation, or released as final. */
export const classify = ({ data }: ClassifyMark, state: EnrolmentState, clock: Clock): CoreEnrolmentEvent[] => {
  const e = requireEnrolment(state);
  new Violations()
    .check(isComponentOf(e, data.componentId), 'componentId', componentRule(e))
    .check(Number.isInteger(data.attempt) && data.attempt >= 1, 'attempt', 'must be a whole number from 1')
    .check(
      data.sampled === null || SAMPLING_REASONS.includes(data.sampled),
      'sampled',
      `must be null or one of ${SAMPLING_REASONS.join(', ')}`,
    )
    .check(data.mark === undefined || isMark(data.mark), 'mark', MARK_RULE)
    .throwIfAny();
  // The runner classifies every mark it sees and may replay its feed, so every "already done" is a no-op.
  if (e.status === 'withdrawn' || e.status === 'confirmed') return [];
  const attempts = e.attempts[data.componentId] ?? [];
  const target = attempts.find((a) => a.attempt === data.attempt);
  if (target?.mark != null && target.classification !== 'pending') return [];
  if (target?.mark != null && data.mark !== undefined && data.mark !== target.mark) return []; // amended since
  if (!target || target !== attempts.at(-1) || target.mark === null)
    throw new StateConflict(`attempt ${data.attempt} of ${data.componentId} has no mark awaiting classification`);

  const mark = {
    enrolmentId: e.enrolmentId,
    componentId: data.componentId,
    attempt: target.attempt,
    markerId: target.markerId!,
  };
  if (data.sampled !== null) return [{ type: 'MarkSampledForModeration', data: { ...mark, reason: data.sampled } }];
  return withOutcomeOnceFinal(e, { type: 'MarkReleased', data: mark }, clock.now().toISOString());
};

/** A moderator agrees a sampled mark or adjusts it; either way the mark is then final. */
export const moderate = (command: ModerateMark, state: EnrolmentState, clock: Clock): CoreEnrolmentEvent[] => {
  const { data } = command;
  const e = requireEnrolment(state);
  const adjusted = data.decision === 'adjusted';
  new Violations()
    .check(isComponentOf(e, data.componentId), 'componentId', componentRule(e))
    .check(isNonBlank(data.moderatorId), 'moderatorId', 'must be 1-200 characters')
    .check(
      MODERATION_DECISIONS.includes(data.decision),
      'decision',
      `must be one of ${MODERATION_DECISIONS.join(', ')}`,
    )
    .check(!adjusted || isMark(data.mark), 'mark', `is required to adjust a mark and ${MARK_RULE}`)
    .check(isText(data.reason), 'reason', TEXT_RULE)
    .throwIfAny();
  requireStatus(e, ['active', 'suspended', 'assessed'], 'moderate a mark');
  const last = e.attempts[data.componentId]?.at(-1);
  if (!last || last.mark === null || last.classification !== 'sampled')
    throw new StateConflict(`the mark of ${data.componentId} is not awaiting moderation`);
  requireEligibleModerator({ ...command, moderatorId: data.moderatorId.trim() }, e.courseId, last.markerId);
  const originalMark = last.mark;
  const mark = adjusted ? data.mark! : originalMark;
  new Violations()
    .check(
      !adjusted || mark !== originalMark,
      'mark',
      `must differ from the original mark ${originalMark}: agree it instead`,
    )
    .check(
      adjusted || data.mark == null || data.mark === originalMark,
      'mark',
      `must be left out when agreeing the original mark ${originalMark}: adjust it instead`,
    )
    .throwIfAny();

  const moderatedAt = clock.now().toISOString();
  return withOutcomeOnceFinal(
    e,
    {
      type: 'MarkModerated',
      data: {
        enrolmentId: e.enrolmentId,
        componentId: data.componentId,
        attempt: last.attempt,
        moderatorId: data.moderatorId.trim(),
        decision: data.decision,
        originalMark,
        mark,
        reason: data.reason.trim(),
        moderatedAt,
      },
    },
    moderatedAt,
  );
};

/**
 * A tutor corrects the latest mark of a component before the board confirms the outcome. Any
 * unconfirmed outcome is set aside. A mark that was sampled or moderated goes straight back to the
 * moderator (sampled, with the amendment's reason); any other goes back to pending and the runner
 * samples it afresh.
 */
export const amend = ({ data }: AmendMark, state: EnrolmentState, clock: Clock): CoreEnrolmentEvent[] => {
  const e = requireEnrolment(state);
  new Violations()
    .check(isComponentOf(e, data.componentId), 'componentId', componentRule(e))
    .check(isMark(data.mark), 'mark', MARK_RULE)
    .check(isText(data.reason), 'reason', TEXT_RULE)
    .check(isNonBlank(data.amendedBy), 'amendedBy', 'must be 1-200 characters')
    .throwIfAny();
  // Once confirmed, the outcome is the board's decision: only the board may change it.
  if (e.status === 'confirmed') throw new StateConflict('the outcome is confirmed; ask the board to amend it');
  requireStatus(e, ['active', 'suspended', 'assessed'], 'amend a mark');
  const last = e.attempts[data.componentId]?.at(-1);
  if (!last || last.mark === null) throw new StateConflict(`${data.componentId} has no mark to amend`);
  requireMarkerIsNotLearner(data.amendedBy.trim(), e.learnerId);
  new Violations()
    .check(data.mark !== last.mark, 'mark', `must differ from the current mark ${last.mark}`)
    .throwIfAny();
  const reason = data.reason.trim();
  const amended: MarkAmended = {
    type: 'MarkAmended',
    data: {
      enrolmentId: e.enrolmentId,
      componentId: data.componentId,
      attempt: last.attempt,
      previousMark: last.mark,
      mark: data.mark,
      reason,
      amendedBy: data.amendedBy.trim(),
      amendedAt: clock.now().toISOString(),
    },
  };
  // A mark the moderator holds or has judged goes back to the moderator, whatever the new mark.
  if (last.classification !== 'sampled' && last.classification !== 'moderated') return [amended];
  const { enrolmentId, componentId, attempt } = amended.data;
  const markerId = last.markerId ?? amended.data.amendedBy;
  return [
    amended,
    {
      type: 'MarkSampledForModeration',
      data: { enrolmentId, componentId, attempt, markerId, reason: 'amended', note: reason },
    },
  ];
};
