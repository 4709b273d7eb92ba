import { Inject, Injectable } from '@nestjs/common';
import { ERASED_TEXT, type ErasedLearner, type IssuedAward, type RegisteredLearner } from '#domain';
import type { PersonalDataOpener, PersonalDataVault } from '#personal-data';
import type { LearnerProfile } from '#contracts';
import { PERSONAL_DATA_VAULT } from '../infrastructure/tokens.js';

/** An issued award with the learner's name opened ("[erased]" once the learner is erased). */
export type OpenedAward = Omit<IssuedAward, 'learnerName'> & { learnerName: string; learnerErased: boolean };

/**
 * Opens learner personal data for the read side, at query time: read models hold only the sealed
 * form, so an erasure (the key destroyed) shows everywhere at once, with nothing to re-project.
 */
@Injectable()
export class PersonalDataReader {
  constructor(@Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault) {}

  opener(learnerId: string): Promise<PersonalDataOpener> {
    return this.vault.opener(learnerId);
  }

  async learner(learner: RegisteredLearner | ErasedLearner): Promise<LearnerProfile> {
    return learnerProfile(learner, await this.opener(learner.learnerId));
  }

  async learners(learners: readonly (RegisteredLearner | ErasedLearner)[]): Promise<LearnerProfile[]> {
    const openers = await this.vault.openers(learners.map((learner) => learner.learnerId));
    return learners.map((learner) => learnerProfile(learner, openers.get(learner.learnerId)!));
  }

  async award(award: IssuedAward, opener?: PersonalDataOpener): Promise<OpenedAward> {
    const personal = opener ?? (await this.opener(award.learnerId));
    return { ...award, learnerName: personal.show(award.learnerName), learnerErased: personal.erased };
  }
}

/** Erased when the key is gone or the erasure event is projected, whichever a reader sees first. */
export const learnerProfile = (
  learner: RegisteredLearner | ErasedLearner,
  personal: PersonalDataOpener,
): LearnerProfile => {
  const erasedAt = learner.status === 'erased' ? learner.erasedAt : personal.erasedAt;
  if (learner.status === 'erased' || personal.erased)
    return {
      id: learner.learnerId,
      givenName: ERASED_TEXT,
      familyName: ERASED_TEXT,
      email: null,
      erased: true,
      erasedAt,
    };
  return {
    id: learner.learnerId,
    givenName: personal.show(learner.givenName),
    familyName: personal.show(learner.familyName),
    email: personal.text(learner.email),
    erased: false,
    erasedAt: null,
  };
};
