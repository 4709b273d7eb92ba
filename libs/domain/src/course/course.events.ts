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

export type CourseDefined = DomainEvent<'CourseDefined', CourseDefinition & { definedAt: string }>;
export type CourseWithdrawalScheduled = DomainEvent<
  'CourseWithdrawalScheduled',
  { courseId: string; withdrawnFrom: IsoDate; reason: string }
>;

/** A tutor may mark this course's enrolments; `assignedBy` is absent when assigned with the definition. */
export type TutorAssigned = DomainEvent<'TutorAssigned', { courseId: string; tutorId: string; assignedBy?: string }>;
export type TutorReleased = DomainEvent<'TutorReleased', { courseId: string; tutorId: string; reason: string }>;

export type CourseEvent = CourseDefined | CourseWithdrawalScheduled | TutorAssigned | TutorReleased;
