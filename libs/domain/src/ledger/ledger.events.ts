import type { CourseState } from '../course/course.decider.js';
import type { Level } from '../course/qualification-frameworks.js';
import type { DomainEvent } from '../shared/decider.js';
import type { IsoDate } from '../shared/dates.js';
import type { PathwayState } from '../pathway/pathway.decider.js';

/** UK CATS credit with its ECTS equivalent, the same shape an award carries. */
export interface Credits {
  cats: number;
  ects: number;
}

/** Prior learning is either assessed here (RPL) or credit another provider awarded (transfer). */
export type PriorLearningKind = 'rpl' | 'transfer';
export const PRIOR_LEARNING_KINDS: readonly PriorLearningKind[] = ['rpl', 'transfer'];
export type CreditSource = 'award' | PriorLearningKind;

export type AccessDecision = 'admitted' | 'refused';
export const ACCESS_DECISIONS: readonly AccessDecision[] = ['admitted', 'refused'];

/** An award of this system as the ledger sees it: where the credit came from and when. */
export interface AwardCreditFacts {
  awardId: string;
  learnerId: string;
  courseId: string;
  title: string;
  awardingBody: string;
  credits: Credits;
  level: Level;
  issuedOn: IsoDate;
}

/** What a registry officer records about prior learning, for either decision. */
export interface PriorLearningClaim {
  creditId: string;
  learnerId: string;
  kind: PriorLearningKind;
  /** The provider that awarded the credit (for transfer, matched against a pathway's consortium). */
  provider: string;
  title: string;
  credits: Credits;
  level: Level;
  /** When the learner achieved it: the credit's age counts from here. */
  achievedOn: IsoDate;
  evidenceRef: string;
}

export type AwardCreditRecorded = DomainEvent<
  'AwardCreditRecorded',
  {
    creditId: string;
    learnerId: string;
    awardId: string;
    courseId: string;
    title: string;
    provider: string;
    credits: Credits;
    level: Level;
    achievedOn: IsoDate;
  }
>;
export type AwardCreditRevoked = DomainEvent<
  'AwardCreditRevoked',
  { creditId: string; learnerId: string; awardId: string }
>;
/** An integration event (credence.credit.recognised.v1): `learnerId` is its subject. */
export type CreditRecognised = DomainEvent<
  'CreditRecognised',
  PriorLearningClaim & { recognisedBy: string; recognisedOn: IsoDate }
>;
export type CreditDeclined = DomainEvent<
  'CreditDeclined',
  PriorLearningClaim & { reason: string; declinedBy: string; declinedOn: IsoDate }
>;
export type AccessRplRecorded = DomainEvent<
  'AccessRplRecorded',
  {
    learnerId: string;
    courseId: string;
    decision: AccessDecision;
    basis: string;
    evidenceRef: string;
    decidedBy: string;
    decidedOn: IsoDate;
  }
>;
/** An integration event (credence.pathway.conferred.v1): `title` is the award's name, `credits` the total used. */
export type PathwayConferred = DomainEvent<
  'PathwayConferred',
  {
    learnerId: string;
    pathwayId: string;
    title: string;
    awardingBody: string;
    level: Level;
    credits: Credits;
    creditIds: string[];
    conferredOn: IsoDate;
    conferredBy: string;
  }
>;

export type LedgerEvent =
  AwardCreditRecorded | AwardCreditRevoked | CreditRecognised | CreditDeclined | AccessRplRecorded | PathwayConferred;

export type RecordAwardCredit = { type: 'RecordAwardCredit'; data: AwardCreditFacts };
export type RecordAwardRevocation = { type: 'RecordAwardRevocation'; data: { learnerId: string; awardId: string } };
export type DecidePriorLearning = {
  type: 'DecidePriorLearning';
  data: Omit<PriorLearningClaim, 'credits' | 'achievedOn'> & {
    decision: 'recognised' | 'declined';
    /** When the provider awarded it (or the learning was achieved): recorded as `achievedOn`. */
    awardedOn: IsoDate;
    /** CATS credits; ECTS is derived. */
    credits: number;
    reason?: string;
    decidedBy: string;
  };
};
/** RPL for access: whether prior experience admits the learner to a course (QAA 2022, 4.3 (1)). */
export type RecordAccessRpl = {
  type: 'RecordAccessRpl';
  data: {
    learnerId: string;
    courseId: string;
    decision: AccessDecision;
    basis: string;
    evidenceRef: string;
    decidedBy: string;
  };
  course: CourseState;
};
export type ConferPathway = {
  type: 'ConferPathway';
  data: { learnerId: string; conferredBy: string };
  pathway: PathwayState;
};

export type LedgerCommand =
  RecordAwardCredit | RecordAwardRevocation | DecidePriorLearning | RecordAccessRpl | ConferPathway;
