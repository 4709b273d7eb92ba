import type { DomainEvent } from '../shared/decider.js';
import type { IsoDate } from '../shared/dates.js';
import type { Level } from './qualification-frameworks.js';

export const MODES_OF_LEARNING = ['online', 'in-person', 'blended', 'work-based'] as const;
export type ModeOfLearning = (typeof MODES_OF_LEARNING)[number];

export interface AssessmentComponent {
  id: string;
  title: string;
  /** Percentage of the overall mark; a course's weights sum to 100. */
  weight: number;
  passMark: number;
}

export interface PsrbRecognition {
  body: string;
  recognition: string;
}

/** Everything QAA section 6 and the EU mandatory elements ask a certificate to show. */
export interface CourseDefinition {
  courseId: string;
  code: string;
  title: string;
  awardingBody: string;
  credits: number;
  ectsCredits: number;
  level: Level;
  hecosCodes: string[];
  cahCode: string;
  modeOfLearning: ModeOfLearning;
  aims: string;
  learningOutcomes: string[];
  components: AssessmentComponent[];
  passMark: number;
  maxEngagementDays: number;
  maxAttempts: number;
  psrb: PsrbRecognition | null;
  qualityAssurance: string;
  assessmentType: string;
  issuerCountry: string;
  withdrawnFrom: IsoDate | null;
}

/**
 * `version` (1) marks a course defined under approval: a draft until CourseApproved. Courses defined
 * before approvals were recorded have none and count as approved (their approval is not on record).
 */
export type CourseDefined = DomainEvent<'CourseDefined', CourseDefinition & { definedAt: string; version?: number }>;

/** Who approved a version of the course (validation), with the external adviser, and when. */
export interface CourseApproval {
  approvedBy: string;
  externalAdviser: string;
  approvedOn: IsoDate;
}
export type CourseApproved = DomainEvent<
  'CourseApproved',
  CourseApproval & { courseId: string; version: number; approvedAt: string }
>;
/** A changed definition, as a new version: it replaces a draft, or waits for approval beside the live version. */
export type CourseRevised = DomainEvent<
  'CourseRevised',
  CourseDefinition & { version: number; reason: string; revisedAt: string }
>;
export type CourseWithdrawalScheduled = DomainEvent<
  'CourseWithdrawalScheduled',
  { courseId: string; withdrawnFrom: IsoDate; reason: string }
>;

/** A tutor may mark this course's enrolments; `assignedBy` is absent when assigned with the definition. */
export type TutorAssigned = DomainEvent<'TutorAssigned', { courseId: string; tutorId: string; assignedBy?: string }>;
export type TutorReleased = DomainEvent<'TutorReleased', { courseId: string; tutorId: string; reason: string }>;

export type CourseEvent =
  CourseDefined | CourseApproved | CourseRevised | CourseWithdrawalScheduled | TutorAssigned | TutorReleased;
