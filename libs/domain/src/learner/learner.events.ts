import type { DomainEvent } from '../shared/decider.js';

export interface LearnerDetails {
  learnerId: string;
  givenName: string;
  familyName: string;
  email: string;
}

export type LearnerRegistered = DomainEvent<'LearnerRegistered', LearnerDetails & { registeredAt: string }>;

export type LearnerEvent = LearnerRegistered;

export type RegisterLearner = { type: 'RegisterLearner'; data: LearnerDetails };
export type LearnerCommand = RegisterLearner;
