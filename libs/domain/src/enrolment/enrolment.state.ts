import type { IsoDate } from '../shared/dates.js';
import type { DomainEvent } from '../shared/decider.js';
import type { OutcomeConfirmed, SamplingReason } from './moderation.events.js';
import { deadlineOf } from './deadline.js';
import type { CoreEnrolmentEvent, IdentityVerification } from './enrolment.events.js';
import type { AssessmentScheme, LatestMark, Outcome } from './grading.js';
import type { ReasonableAdjustment } from './rules/reasonable-adjustments.js';

/**
 * Where a mark stands in moderation. pending: recorded (or amended), awaiting the sampling decision;
 * released: not sampled, final as recorded; sampled: awaiting a moderator; moderated: final as moderated.
 */
export type MarkClassification = 'pending' | 'released' | 'sampled' | 'moderated';

export interface Moderation {
  moderatorId: string;
  decision: 'agreed' | 'adjusted';
  originalMark: number;
  reason: string;
  moderatedAt: string;
}

export interface Amendment {
  previousMark: number;
  mark: number;
  reason: string;
  amendedBy: string;
  amendedAt: string;
}

export interface Attempt {
  attempt: number;
  submittedAt: string;
  identityVerification: IdentityVerification;
  /** The current mark: as recorded, amended or moderated. */
  mark: number | null;
  markerId: string | null;
  markedAt: string | null;
  classification: MarkClassification;
  samplingReason: SamplingReason | null;
  moderation: Moderation | null;
  amendments: Amendment[];
  /** The tutor's latest feedback on this attempt, once given (rules/tutor-feedback.ts). */
  feedback?: { text: string; givenBy: string; givenAt: string };
}

/**
 * active: studying; suspended: clock stopped; assessed: pass or fail calculated; confirmed: the
 * board confirmed the outcome; withdrawn: deemed withdrawn.
 */
export type EnrolmentStatus = 'active' | 'suspended' | 'assessed' | 'confirmed' | 'withdrawn';

export interface Enrolment {
  status: EnrolmentStatus;
  enrolmentId: string;
  learnerId: string;
  courseId: string;
  startDate: IsoDate;
  maxEngagementDays: number;
  scheme: AssessmentScheme;
  /** The course version the enrolment is pinned to. */
  courseVersion: number;
  suspendedDays: number;
  /** Days added by extensions and by reasonable adjustments in force. */
  extensionDays: number;
  deadline: IsoDate;
  suspension: { from: IsoDate; reason: string } | null;
  /** The day of the last resumption: a new suspension may not reach back before it. */
  resumedOn: IsoDate | null;
  attempts: Record<string, Attempt[]>;
  outcome: Outcome | null;
  withdrawnOn: IsoDate | null;
  mitigatingCircumstances: { reason: string; claimedAt: string }[];
  integrityFlags: { reason: string; raisedBy: string; raisedAt: string }[];
  learnerNotes: { note: string; addedAt: string }[];
  /**
   * Reasonable adjustments, oldest first, withdrawn ones included (rules/reasonable-adjustments.ts);
   * absent from documents stored before them. Their days are counted in `extensionDays`.
   */
  adjustments?: ReasonableAdjustment[];
  confirmation: OutcomeConfirmed['data'] | null;
  /** Upheld appeals that set a confirmed decision aside, oldest first. */
  appeals: { appealId: string; caseId: string; reason: string }[];
  /** How many events the enrolment's stream holds (its stream version). */
  version: number;
  /**
   * The version at the last change to what a board decides on: a calculated outcome, an amended
   * or moderated mark, mitigating circumstances, an integrity flag. A case records the version it
   * was opened for, and a confirmation for any other version is refused.
   */
  outcomeVersion: number;
}

export type EnrolmentState = { status: 'none' } | Enrolment;

export const initialEnrolmentState: EnrolmentState = { status: 'none' };

const withDeadline = (e: Enrolment): Enrolment => ({
  ...e,
  deadline: deadlineOf(e.startDate, e.maxEngagementDays, e.suspendedDays, e.extensionDays),
});

const updateLatestAttempt = (e: Enrolment, componentId: string, change: Partial<Attempt>): Enrolment => {
  const attempts = e.attempts[componentId] ?? [];
  const last = attempts.at(-1);
  if (!last) return e;
  return { ...e, attempts: { ...e.attempts, [componentId]: [...attempts.slice(0, -1), { ...last, ...change }] } };
};

/** The events that change what a board decides on (and so supersede a case opened before them). */
export const OUTCOME_CHANGES: ReadonlySet<string> = new Set<CoreEnrolmentEvent['type']>([
  'OutcomeCalculated',
  'MarkAmended',
  'MarkModerated',
  'MitigatingCircumstancesClaimed',
  'IntegrityFlagRaised',
  'OutcomeReopenedOnAppeal',
]);

/** Counts every event of the stream into the version, whichever rule applies it. */
export const countingVersions =
  <E extends DomainEvent>(apply: (state: EnrolmentState, event: E) => EnrolmentState) =>
  (state: EnrolmentState, event: E): EnrolmentState => {
    const next = apply(state, event);
    if (next.status === 'none') return next;
    const version = state.status === 'none' ? 1 : state.version + 1;
    return { ...next, version, outcomeVersion: OUTCOME_CHANGES.has(event.type) ? version : next.outcomeVersion };
  };

/** The state after one event of the decider's own switch, before it is counted. */
export const applyCoreEvent = (state: EnrolmentState, event: CoreEnrolmentEvent): EnrolmentState => {
  if (event.type === 'EnrolmentStarted') {
    const d = event.data;
    return {
      status: 'active',
      enrolmentId: d.enrolmentId,
      learnerId: d.learnerId,
      courseId: d.courseId,
      startDate: d.startDate,
      maxEngagementDays: d.maxEngagementDays,
      scheme: d.scheme,
      courseVersion: d.courseVersion ?? 1,
      suspendedDays: 0,
      extensionDays: 0,
      deadline: d.deadline,
      suspension: null,
      resumedOn: null,
      attempts: Object.fromEntries(d.scheme.components.map((c) => [c.id, []])),
      outcome: null,
      withdrawnOn: null,
      mitigatingCircumstances: [],
      integrityFlags: [],
      learnerNotes: [],
      confirmation: null,
      appeals: [],
      version: 0,
      outcomeVersion: 0,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'EnrolmentSuspended':
      return { ...state, status: 'suspended', suspension: { from: event.data.from, reason: event.data.reason } };
    case 'EnrolmentResumed':
      return withDeadline({
        ...state,
        status: 'active',
        suspension: null,
        resumedOn: event.data.on,
        suspendedDays: state.suspendedDays + event.data.suspendedDays,
      });
    case 'ExtensionGranted':
      return withDeadline({ ...state, extensionDays: state.extensionDays + event.data.days });
    case 'WorkSubmitted': {
      const d = event.data;
      const attempt: Attempt = {
        attempt: d.attempt,
        submittedAt: d.submittedAt,
        identityVerification: d.identityVerification,
        mark: null,
        markerId: null,
        markedAt: null,
        classification: 'pending',
        samplingReason: null,
        moderation: null,
        amendments: [],
      };
      return {
        ...state,
        attempts: { ...state.attempts, [d.componentId]: [...(state.attempts[d.componentId] ?? []), attempt] },
      };
    }
    case 'MarkRecorded':
      return updateLatestAttempt(state, event.data.componentId, {
        mark: event.data.mark,
        markerId: event.data.markerId,
        markedAt: event.data.markedAt,
      });
    case 'OutcomeCalculated': {
      const { enrolmentId: _id, calculatedAt: _at, ...outcome } = event.data;
      if (outcome.result === 'referral') return { ...state, outcome };
      return { ...state, outcome, status: 'assessed', suspension: null };
    }
    case 'DeemedWithdrawn':
      return { ...state, status: 'withdrawn', withdrawnOn: event.data.withdrawnOn };
    case 'MarkSampledForModeration':
      return updateLatestAttempt(state, event.data.componentId, {
        classification: 'sampled',
        samplingReason: event.data.reason,
      });
    case 'MarkReleased':
      return updateLatestAttempt(state, event.data.componentId, { classification: 'released', samplingReason: null });
    case 'MarkModerated': {
      const { mark, moderatorId, decision, originalMark, reason, moderatedAt } = event.data;
      return updateLatestAttempt(state, event.data.componentId, {
        mark,
        classification: 'moderated',
        moderation: { moderatorId, decision, originalMark, reason, moderatedAt },
      });
    }
    case 'MarkAmended': {
      const { componentId, previousMark, mark, reason, amendedBy, amendedAt } = event.data;
      const amendments = state.attempts[componentId]?.at(-1)?.amendments ?? [];
      // The amended mark is classified afresh, and an outcome calculated from the old mark no longer stands.
      const amended = updateLatestAttempt(state, componentId, {
        mark,
        classification: 'pending',
        samplingReason: null,
        moderation: null,
        amendments: [...amendments, { previousMark, mark, reason, amendedBy, amendedAt }],
      });
      return { ...amended, outcome: null, status: state.status === 'assessed' ? 'active' : state.status };
    }
    case 'MitigatingCircumstancesClaimed':
      return {
        ...state,
        mitigatingCircumstances: [
          ...state.mitigatingCircumstances,
          { reason: event.data.reason, claimedAt: event.data.claimedAt },
        ],
      };
    case 'IntegrityFlagRaised': {
      const { reason, raisedBy, raisedAt } = event.data;
      return { ...state, integrityFlags: [...state.integrityFlags, { reason, raisedBy, raisedAt }] };
    }
    case 'OutcomeConfirmed':
      return { ...state, status: 'confirmed', confirmation: event.data };
    case 'OutcomeReopenedOnAppeal': {
      const { appealId, caseId, reason, remedy } = event.data;
      const reopened = { ...state, confirmation: null, appeals: [...state.appeals, { appealId, caseId, reason }] };
      // A re-moderated mark must be final again before the outcome is recalculated for the board.
      return remedy === 're-moderate'
        ? { ...reopened, outcome: null, status: 'active' }
        : { ...reopened, status: 'assessed' };
    }
  }
};

/** A mark counts towards the outcome once released, or sampled and then moderated. */
export const isFinal = (attempt: Attempt): boolean =>
  attempt.mark !== null && (attempt.classification === 'released' || attempt.classification === 'moderated');

/**
 * The latest attempt's final mark per component, once every component has one; after a referral,
 * once every referred component has the final mark of a new attempt.
 */
export const latestMarks = (e: Enrolment): Map<string, LatestMark> | null => {
  const marks = latestFinalMarks(e);
  if (!marks || [...marks.keys()].some((componentId) => isOpenForResubmission(e, componentId))) return null;
  return marks;
};

/** The latest attempt's mark per component, once every component's is final. */
export const latestFinalMarks = (e: Enrolment): Map<string, LatestMark> | null => {
  const marks = new Map<string, LatestMark>();
  for (const component of e.scheme.components) {
    const last = e.attempts[component.id]?.at(-1);
    if (!last || last.mark === null || !isFinal(last)) return null;
    marks.set(component.id, { attempt: last.attempt, mark: last.mark });
  }
  return marks;
};

/**
 * Whether `outcome` opens another attempt at a component that has `attempts` so far: it refers the
 * component, which has not been resubmitted since. A referral opens one new attempt, and the next
 * only once an outcome calculated on that attempt refers it again. (The web app asks it too.)
 */
export const referralOpensAttempt = (outcome: Outcome | null, componentId: string, attempts: number): boolean => {
  if (outcome?.result !== 'referral' || !outcome.referredComponents.includes(componentId)) return false;
  const referredAttempt = outcome.components.find((r) => r.componentId === componentId)?.attempt ?? 0;
  return attempts <= referredAttempt;
};

export const isOpenForResubmission = (e: Enrolment, componentId: string): boolean =>
  referralOpensAttempt(e.outcome, componentId, e.attempts[componentId]?.length ?? 0);

/** Components the learner still owes a submission for: never submitted, or referred and not resubmitted. */
export const outstandingComponents = (e: Enrolment): string[] =>
  e.scheme.components
    .filter((c) => (e.attempts[c.id] ?? []).length === 0 || isOpenForResubmission(e, c.id))
    .map((c) => c.id);

/**
 * Why the deadline sweep may not close the enrolment (its date aside), or null when it may: nothing
 * is outstanding, or a referral would lapse on marks that are not final yet. A referral lapses on
 * every mark given, a resubmission's too, so its mark must be final first (sampled or moderated).
 */
export const whyItCannotLapse = (e: Enrolment): string | null => {
  if (outstandingComponents(e).length === 0) return 'no work is outstanding';
  if (e.outcome?.result !== 'referral') return null;
  const awaiting = e.scheme.components.filter((c) => {
    const last = e.attempts[c.id]?.at(-1);
    return last !== undefined && !isFinal(last);
  });
  if (awaiting.length === 0) return null;
  return `the referral lapses once the resubmitted ${awaiting.map((c) => c.id).join(', ')} has a final mark`;
};
