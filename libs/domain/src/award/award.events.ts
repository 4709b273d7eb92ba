import type { Level } from '../course/qualification-frameworks.js';
import type { ModeOfLearning, PsrbRecognition } from '../course/course.events.js';
import type { DomainEvent } from '../shared/decider.js';
import type { IsoDate } from '../shared/dates.js';
import type { PersonalText } from '../learner/personal-text.js';

/**
 * The certificate's content: QAA 2022 section 6's minimum information set plus the EU mandatory
 * elements (issuer country, assessment type, form of participation, quality assurance).
 */
export interface AwardInformation {
  awardId: string;
  learnerId: string;
  /** Sealed under the learner's key once stored (see personal-text.ts). */
  learnerName: PersonalText;
  enrolmentId: string;
  courseId: string;
  courseCode: string;
  title: string;
  awardingBody: string;
  issuedOn: IsoDate;
  credits: { cats: number; ects: number };
  level: Level;
  modeOfLearning: ModeOfLearning;
  aims: string;
  learningOutcomes: string[];
  result: { weightedMark: number; grade: 'Distinction' | 'Merit' | 'Pass' };
  cahCode: string;
  hecosCodes: string[];
  psrb: PsrbRecognition | null;
  issuerCountry: string;
  assessmentType: string;
  formOfParticipation: string;
  qualityAssurance: string;
  /** The learner's own dates of study. */
  startDate: IsoDate;
  completedOn: IsoDate;
  boardId: string;
  caseId: string;
}

export type AwardIssued = DomainEvent<'AwardIssued', AwardInformation>;
export type AwardRevoked = DomainEvent<
  'AwardRevoked',
  { awardId: string; learnerId: string; reason: string; revokedBy: string; revokedAt: string }
>;
/** The learner lets whoever holds their credential link see their name on the verification page. */
export type AwardShareLinkTurnedOn = DomainEvent<
  'AwardShareLinkTurnedOn',
  { awardId: string; learnerId: string; token: string; turnedOnAt: string }
>;
export type AwardShareLinkTurnedOff = DomainEvent<
  'AwardShareLinkTurnedOff',
  { awardId: string; learnerId: string; turnedOffAt: string }
>;
export type AwardEvent = AwardIssued | AwardRevoked | AwardShareLinkTurnedOn | AwardShareLinkTurnedOff;

export type IssueAward = { type: 'IssueAward'; data: Omit<AwardInformation, 'issuedOn'> };
export type RevokeAward = { type: 'RevokeAward'; data: { reason: string; revokedBy: string } };
/** The token is drawn by the caller (the decider draws nothing at random). */
export type TurnOnShareLink = { type: 'TurnOnShareLink'; data: { token: string } };
export type TurnOffShareLink = { type: 'TurnOffShareLink'; data: Record<string, never> };
export type AwardCommand = IssueAward | RevokeAward | TurnOnShareLink | TurnOffShareLink;
