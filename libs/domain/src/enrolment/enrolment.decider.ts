import { reopenOnAppeal } from './appeal-reopening.js';
import { requireMarkerIsNotLearner } from '../enrolment/moderator-eligibility.js';
import type { Clock } from '../shared/clock.js';
import { addDays, daysBetween, isIsoDate, ISO_DATE_RULE, toIsoDate } from '../shared/dates.js';
import type { Decider } from '../shared/decider.js';
import { withRule } from '../shared/decider-rule.js';
import { NotFound, StateConflict, Violations } from '../shared/errors.js';
import { isText, TEXT_RULE } from '../shared/text.js';
import { claimMitigatingCircumstances, raiseIntegrityFlag } from './mitigation-and-integrity.js';
import { amend, classify, moderate } from './mark-moderation.js';
import { confirmOutcome } from './outcome-confirmation.js';
import { deadlineOf, MAX_EXTENSION_DAYS } from './deadline.js';
import { calculateOutcome } from './grading.js';
import { learnerNotes, type AddLearnerNote, type LearnerNoteAdded } from './rules/learner-notes.js';
import { tutorFeedback, type FeedbackGiven, type GiveFeedback } from './rules/tutor-feedback.js';
import {
  reasonableAdjustments,
  type ReasonableAdjustmentCommand,
  type ReasonableAdjustmentEvent,
} from './rules/reasonable-adjustments.js';
import type {
  CloseLapsedEnrolment,
  CoreEnrolmentCommand,
  GrantExtension,
  RecordMark,
  ResumeEnrolment,
  StartEnrolment,
  SubmitWork,
  SuspendEnrolment,
} from './enrolment.commands.js';
import { IDENTITY_VERIFICATION_METHODS, type CoreEnrolmentEvent } from './enrolment.events.js';
import { componentRule, isComponentOf, requireEnrolment, requireStatus } from './enrolment.guards.js';
import {
  applyCoreEvent,
  countingVersions,
  initialEnrolmentState,
  isOpenForResubmission,
  latestFinalMarks,
  outstandingComponents,
  whyItCannotLapse,
  type EnrolmentState,
} from './enrolment.state.js';

/** How far ahead a start date may be booked. */
export const MAX_START_DAYS_AHEAD = 365;

const start = (command: StartEnrolment, state: EnrolmentState, clock: Clock): CoreEnrolmentEvent[] => {
  const { data, learner, course } = command;
  new Violations().check(isIsoDate(data.startDate), 'startDate', ISO_DATE_RULE).throwIfAny();
  if (learner.status === 'none') throw new NotFound(`learner ${data.learnerId} not found`);
  if (learner.status === 'erased')
    throw new StateConflict(`learner ${data.learnerId} was erased on ${learner.erasedAt}: no new enrolments`);
  if (course.status === 'none') throw new NotFound(`course ${data.courseId} not found`);
  if (command.coveringBoardId === null)
    throw new StateConflict(
      `course ${course.code} is covered by no board: no enrolments until a board is constituted for it (its outcomes could not be confirmed)`,
    );
  if (course.lifecycle === 'draft')
    throw new StateConflict(
      `course ${course.code} is a draft (version ${course.version}): no enrolments until it is approved (POST /v1/courses/:id/approval)`,
    );
  if (state.status !== 'none') throw new StateConflict(`enrolment ${data.enrolmentId} already exists`);

  const today = toIsoDate(clock.now());
  const deadline = deadlineOf(data.startDate, course.maxEngagementDays, 0, 0);
  new Violations()
    .check(
      data.startDate <= addDays(today, MAX_START_DAYS_AHEAD),
      'startDate',
      `must be no more than ${MAX_START_DAYS_AHEAD} days ahead`,
    )
    .check(deadline >= today, 'startDate', `is too early: the engagement period would have ended on ${deadline}`)
    .throwIfAny();
  if (course.withdrawnFrom !== null && (today >= course.withdrawnFrom || data.startDate >= course.withdrawnFrom))
    throw new StateConflict(`course ${course.code} is withdrawn from ${course.withdrawnFrom}: no new enrolments`);

  return [
    {
      type: 'EnrolmentStarted',
      data: {
        enrolmentId: data.enrolmentId,
        learnerId: data.learnerId,
        courseId: data.courseId,
        startDate: data.startDate,
        maxEngagementDays: course.maxEngagementDays,
        deadline,
        scheme: { passMark: course.passMark, maxAttempts: course.maxAttempts, components: course.components },
        courseVersion: course.version,
        enrolledAt: clock.now().toISOString(),
      },
    },
  ];
};

const suspend = ({ data }: SuspendEnrolment, state: EnrolmentState, clock: Clock): CoreEnrolmentEvent[] => {
  const e = requireEnrolment(state);
  new Violations()
    .check(isIsoDate(data.from), 'from', ISO_DATE_RULE)
    .check(isText(data.reason), 'reason', TEXT_RULE)
    .throwIfAny();
  requireStatus(e, ['active'], 'suspend');
  new Violations()
    .check(data.from >= e.startDate, 'from', `must be on or after the start date ${e.startDate}`)
    .check(
      e.resumedOn === null || data.from >= e.resumedOn,
      'from',
      `must be on or after the last resumption ${e.resumedOn}`,
    )
    .check(data.from <= e.deadline, 'from', `must be on or before the deadline ${e.deadline}`)
    .check(data.from <= toIsoDate(clock.now()), 'from', 'must not be in the future')
    .throwIfAny();
  return [
    { type: 'EnrolmentSuspended', data: { enrolmentId: e.enrolmentId, from: data.from, reason: data.reason.trim() } },
  ];
};

const resume = ({ data }: ResumeEnrolment, state: EnrolmentState, clock: Clock): CoreEnrolmentEvent[] => {
  const e = requireEnrolment(state);
  new Violations().check(isIsoDate(data.on), 'on', ISO_DATE_RULE).throwIfAny();
  requireStatus(e, ['suspended'], 'resume');
  const from = e.suspension!.from;
  new Violations()
    .check(data.on >= from, 'on', `must be on or after the suspension date ${from}`)
    .check(data.on <= toIsoDate(clock.now()), 'on', 'must not be in the future')
    .throwIfAny();
  const suspendedDays = daysBetween(from, data.on);
  return [
    {
      type: 'EnrolmentResumed',
      data: {
        enrolmentId: e.enrolmentId,
        on: data.on,
        suspendedDays,
        deadline: deadlineOf(e.startDate, e.maxEngagementDays, e.suspendedDays + suspendedDays, e.extensionDays),
      },
    },
  ];
};

const extend = ({ data }: GrantExtension, state: EnrolmentState): CoreEnrolmentEvent[] => {
  const e = requireEnrolment(state);
  new Violations()
    .check(
      Number.isInteger(data.days) && data.days >= 1 && data.days <= MAX_EXTENSION_DAYS,
      'days',
      `must be a whole number from 1 to ${MAX_EXTENSION_DAYS}`,
    )
    .check(isText(data.reason), 'reason', TEXT_RULE)
    .throwIfAny();
  requireStatus(e, ['active', 'suspended'], 'grant an extension');
  const deadline = deadlineOf(e.startDate, e.maxEngagementDays, e.suspendedDays, e.extensionDays + data.days);
  return [
    {
      type: 'ExtensionGranted',
      data: { enrolmentId: e.enrolmentId, days: data.days, reason: data.reason.trim(), deadline },
    },
  ];
};

const submit = ({ data }: SubmitWork, state: EnrolmentState, clock: Clock): CoreEnrolmentEvent[] => {
  const e = requireEnrolment(state);
  const now = clock.now();
  const submittedAt = data.submittedAt === undefined ? now : new Date(data.submittedAt);
  const identityVerification = data.identityVerification ?? 'single-sign-on';
  new Violations()
    .check(isComponentOf(e, data.componentId), 'componentId', componentRule(e))
    .check(!Number.isNaN(submittedAt.getTime()), 'submittedAt', 'must be an ISO 8601 date-time')
    .check(
      IDENTITY_VERIFICATION_METHODS.includes(identityVerification),
      'identityVerification',
      `must be one of ${IDENTITY_VERIFICATION_METHODS.join(', ')}`,
    )
    .throwIfAny();
  requireStatus(e, ['active'], 'submit work');
  const submittedOn = toIsoDate(submittedAt);
  new Violations()
    .check(submittedAt.getTime() <= now.getTime(), 'submittedAt', 'must not be in the future')
    .check(submittedOn >= e.startDate, 'submittedAt', `must be on or after the start date ${e.startDate}`)
    .throwIfAny();
  // Both the learner's chosen time and the day it is recorded must fall by the deadline: a
  // submission cannot be backdated after the deadline has passed.
  if (submittedOn > e.deadline || toIsoDate(now) > e.deadline)
    throw new StateConflict(`the deadline ${e.deadline} has passed`);

  const attempts = e.attempts[data.componentId] ?? [];
  const last = attempts.at(-1);
  if (last && last.mark === null)
    throw new StateConflict(`attempt ${last.attempt} of ${data.componentId} is awaiting its mark`);
  // A referral opens one attempt: a resubmission awaiting its sampling or moderation must not open another.
  if (last && !isOpenForResubmission(e, data.componentId))
    throw new StateConflict(`${data.componentId} is not open for another attempt`);
  return [
    {
      type: 'WorkSubmitted',
      data: {
        enrolmentId: e.enrolmentId,
        componentId: data.componentId,
        attempt: attempts.length + 1,
        submittedAt: submittedAt.toISOString(),
        identityVerification,
      },
    },
  ];
};

/** The mark stays pending until the board runner samples it for moderation or releases it. */
const recordMark = ({ data }: RecordMark, state: EnrolmentState, clock: Clock): CoreEnrolmentEvent[] => {
  const e = requireEnrolment(state);
  new Violations()
    .check(isComponentOf(e, data.componentId), 'componentId', componentRule(e))
    .check(
      Number.isInteger(data.mark) && data.mark >= 0 && data.mark <= 100,
      'mark',
      'must be a whole number from 0 to 100',
    )
    .throwIfAny();
  requireStatus(e, ['active', 'suspended'], 'record a mark');
  const last = e.attempts[data.componentId]?.at(-1);
  if (!last || last.mark !== null) throw new StateConflict(`no submission of ${data.componentId} is awaiting a mark`);
  requireMarkerIsNotLearner(data.markerId, e.learnerId);
  return [
    {
      type: 'MarkRecorded',
      data: {
        enrolmentId: e.enrolmentId,
        componentId: data.componentId,
        attempt: last.attempt,
        mark: data.mark,
        markerId: data.markerId,
        markedAt: clock.now().toISOString(),
      },
    },
  ];
};

const closeLapsed = (_command: CloseLapsedEnrolment, state: EnrolmentState, clock: Clock): CoreEnrolmentEvent[] => {
  const e = requireEnrolment(state);
  requireStatus(e, ['active'], 'close the enrolment');
  const today = toIsoDate(clock.now());
  if (today <= e.deadline) throw new StateConflict(`the deadline ${e.deadline} has not passed`);
  const notLapsing = whyItCannotLapse(e);
  if (notLapsing !== null) throw new StateConflict(notLapsing);
  const outstanding = outstandingComponents(e);
  const marksGiven = e.outcome?.result === 'referral' ? latestFinalMarks(e) : null;
  if (marksGiven) {
    // A referral not taken up by the deadline lapses: the outcome is what the marks given make it,
    // resubmissions' included, and what would be another referral is a fail.
    const onMarksGiven = calculateOutcome(e.scheme, marksGiven);
    const lapsed =
      onMarksGiven.result === 'referral'
        ? { ...onMarksGiven, result: 'fail' as const, referredComponents: [] }
        : onMarksGiven;
    return [
      {
        type: 'OutcomeCalculated',
        data: {
          ...lapsed,
          enrolmentId: e.enrolmentId,
          note: `referral of ${outstanding.join(', ')} not resubmitted by ${e.deadline}`,
          calculatedAt: clock.now().toISOString(),
        },
      },
    ];
  }
  return [
    {
      type: 'DeemedWithdrawn',
      data: {
        enrolmentId: e.enrolmentId,
        deadline: e.deadline,
        outstandingComponents: outstanding,
        withdrawnOn: today,
      },
    },
  ];
};

const decide = (command: CoreEnrolmentCommand, state: EnrolmentState, clock: Clock): CoreEnrolmentEvent[] => {
  switch (command.type) {
    case 'StartEnrolment':
      return start(command, state, clock);
    case 'SuspendEnrolment':
      return suspend(command, state, clock);
    case 'ResumeEnrolment':
      return resume(command, state, clock);
    case 'GrantExtension':
      return extend(command, state);
    case 'SubmitWork':
      return submit(command, state, clock);
    case 'RecordMark':
      return recordMark(command, state, clock);
    case 'CloseLapsedEnrolment':
      return closeLapsed(command, state, clock);
    case 'ClassifyMark':
      return classify(command, state, clock);
    case 'ModerateMark':
      return moderate(command, state, clock);
    case 'AmendMark':
      return amend(command, state, clock);
    case 'ClaimMitigatingCircumstances':
      return claimMitigatingCircumstances(command, state, clock);
    case 'RaiseIntegrityFlag':
      return raiseIntegrityFlag(command, state, clock);
    case 'ConfirmOutcome':
      return confirmOutcome(command, state, clock);
    case 'ReopenOnAppeal':
      return reopenOnAppeal(command, state, clock);
  }
};

const coreDecider: Decider<CoreEnrolmentCommand, CoreEnrolmentEvent, EnrolmentState> = {
  initialState: initialEnrolmentState,
  evolve: applyCoreEvent,
  decide,
};

/*
 * The enrolment's rules that live in one file each (rules/): a new one is exported, joins the two
 * unions and is composed in here.
 */
export * from './rules/learner-notes.js';
export * from './rules/tutor-feedback.js';
export * from './rules/reasonable-adjustments.js';
export type EnrolmentCommand = CoreEnrolmentCommand | AddLearnerNote | GiveFeedback | ReasonableAdjustmentCommand;
export type EnrolmentEvent = CoreEnrolmentEvent | LearnerNoteAdded | FeedbackGiven | ReasonableAdjustmentEvent;
const composed = withRule(withRule(withRule(coreDecider, learnerNotes), tutorFeedback), reasonableAdjustments);

export const evolveEnrolment = countingVersions(composed.evolve);
export const enrolmentDecider: Decider<EnrolmentCommand, EnrolmentEvent, EnrolmentState> = {
  ...composed,
  evolve: evolveEnrolment,
};
