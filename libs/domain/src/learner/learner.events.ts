import type { DomainEvent } from '../shared/decider.js';
import type { PersonalText } from './personal-text.js';

/** What the registry enters for a learner: plain text, validated by the decider. */
export interface LearnerDetails {
  learnerId: string;
  givenName: string;
  familyName: string;
  email: string;
}

/** The learner's personal data as events and state hold it: sealed once stored (see personal-text.ts). */
export interface LearnerPersonalData {
  givenName: PersonalText;
  familyName: PersonalText;
  email: PersonalText;
  /** The name awards are issued in, sealed on its own so an award can copy it without opening it. */
  fullName: PersonalText;
}

export type LearnerRegistered = DomainEvent<
  'LearnerRegistered',
  { learnerId: string } & Omit<LearnerPersonalData, 'fullName'> & {
      /** Absent from events stored before sealing existed (their names are plain text). */
      fullName?: PersonalText;
      registeredAt: string;
    }
>;

/** The learner's personal data was erased (their key destroyed). Carries no personal data itself. */
export type LearnerErased = DomainEvent<
  'LearnerErased',
  { learnerId: string; reason: string; erasedBy: string; erasedAt: string }
>;

export type LearnerEvent = LearnerRegistered | LearnerErased;

/**
 * `sameEmailAs`: the learners already registered with this email (the shell looks them up);
 * `confirmedNewPerson`: the registry confirms this is someone else who shares it.
 */
export type RegisterLearner = {
  type: 'RegisterLearner';
  data: LearnerDetails & { confirmedNewPerson?: boolean };
  sameEmailAs?: readonly string[];
};
export type EraseLearner = { type: 'EraseLearner'; data: { learnerId: string; reason: string; erasedBy: string } };
export type LearnerCommand = RegisterLearner | EraseLearner;
