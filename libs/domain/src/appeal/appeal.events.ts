import type { DomainEvent } from '../shared/decider.js';
import type { IsoDate } from '../shared/dates.js';

/**
 * The grounds a UK registry hears an academic appeal on (OIA good practice framework): never
 * disagreement with the board's academic judgment itself.
 */
export const APPEAL_GROUNDS = [
  'procedural-irregularity',
  'circumstances-not-known-to-the-board',
  'bias-or-prejudice',
  'administrative-error',
] as const;
export type AppealGround = (typeof APPEAL_GROUNDS)[number];

/**
 * What an upheld appeal sends back: the case reopened to the board as it stands, or one component's
 * mark re-moderated (the board then decides on the outcome recalculated from it).
 */
export const APPEAL_REMEDIES = ['reopen-case', 're-moderate'] as const;
export type AppealRemedy = (typeof APPEAL_REMEDIES)[number];

/** The board's confirmed decision under appeal, as the enrolment recorded it. */
export interface AppealedDecision {
  enrolmentId: string;
  learnerId: string;
  courseId: string;
  boardId: string;
  caseId: string;
  result: 'pass' | 'fail';
  weightedMark: number;
  grade: 'Distinction' | 'Merit' | 'Pass' | null;
  confirmedAt: string;
  /** The course's assessment components: the ones a re-moderation may name. */
  componentIds: string[];
}

export type AppealLodged = DomainEvent<
  'AppealLodged',
  {
    appealId: string;
    decision: AppealedDecision;
    grounds: AppealGround[];
    statement: string;
    lodgedAt: string;
    /** The last day of the appeal window the appeal was lodged within. */
    windowClosesOn: IsoDate;
  }
>;
export type AppealAcknowledged = DomainEvent<
  'AppealAcknowledged',
  { appealId: string; learnerId: string; acknowledgedBy: string; acknowledgedAt: string }
>;
export type AppealReviewStarted = DomainEvent<
  'AppealReviewStarted',
  { appealId: string; learnerId: string; reviewerId: string; startedAt: string }
>;
export type AppealNotUpheld = DomainEvent<
  'AppealNotUpheld',
  { appealId: string; learnerId: string; enrolmentId: string; rationale: string; decidedBy: string; decidedAt: string }
>;
export type AppealUpheld = DomainEvent<
  'AppealUpheld',
  {
    appealId: string;
    learnerId: string;
    enrolmentId: string;
    /** The case whose decision the appeal overturned. */
    caseId: string;
    remedy: AppealRemedy;
    /** The component to re-moderate; null when the case is reopened as it stands. */
    componentId: string | null;
    rationale: string;
    decidedBy: string;
    decidedAt: string;
  }
>;

export type AppealEvent = AppealLodged | AppealAcknowledged | AppealReviewStarted | AppealNotUpheld | AppealUpheld;
