import type { DomainEvent } from '../shared/decider.js';
import type { IsoDate } from '../shared/dates.js';
import type { ModerationEvent } from './moderation.events.js';
import type { AssessmentScheme, Outcome } from './grading.js';

export const IDENTITY_VERIFICATION_METHODS = [
  'single-sign-on',
  'photo-id',
  'online-proctoring',
  'in-person',
  'none',
] as const;
export type IdentityVerification = (typeof IDENTITY_VERIFICATION_METHODS)[number];

export type EnrolmentStarted = DomainEvent<
  'EnrolmentStarted',
  {
    enrolmentId: string;
    learnerId: string;
    courseId: string;
    startDate: IsoDate;
    maxEngagementDays: number;
    deadline: IsoDate;
    scheme: AssessmentScheme;
    /** The course version the learner enrolled on (absent before versions: version 1). */
    courseVersion?: number;
    enrolledAt: string;
  }
>;
export type EnrolmentSuspended = DomainEvent<
  'EnrolmentSuspended',
  { enrolmentId: string; from: IsoDate; reason: string }
>;
export type EnrolmentResumed = DomainEvent<
  'EnrolmentResumed',
  { enrolmentId: string; on: IsoDate; suspendedDays: number; deadline: IsoDate }
>;
export type ExtensionGranted = DomainEvent<
  'ExtensionGranted',
  { enrolmentId: string; days: number; reason: string; deadline: IsoDate }
>;
export type WorkSubmitted = DomainEvent<
  'WorkSubmitted',
  {
    enrolmentId: string;
    componentId: string;
    attempt: number;
    submittedAt: string;
    identityVerification: IdentityVerification;
  }
>;
export type MarkRecorded = DomainEvent<
  'MarkRecorded',
  { enrolmentId: string; componentId: string; attempt: number; mark: number; markerId: string; markedAt: string }
>;
export type OutcomeCalculated = DomainEvent<
  'OutcomeCalculated',
  Outcome & { enrolmentId: string; calculatedAt: string }
>;
export type DeemedWithdrawn = DomainEvent<
  'DeemedWithdrawn',
  { enrolmentId: string; deadline: IsoDate; outstandingComponents: string[]; withdrawnOn: IsoDate }
>;

/** The events of the decider's own switch; `EnrolmentEvent` adds those of the rules composed into it. */
export type CoreEnrolmentEvent =
  | EnrolmentStarted
  | EnrolmentSuspended
  | EnrolmentResumed
  | ExtensionGranted
  | WorkSubmitted
  | MarkRecorded
  | OutcomeCalculated
  | DeemedWithdrawn
  | ModerationEvent;
