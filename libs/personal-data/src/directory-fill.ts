import type { LearnerRegistered, PersonalText } from '#domain';
import type { EventStore } from '#event-store';
import type { PersonalDataVault } from './vault.js';

/** Learners opened per key lookup, and listed per transaction, while filling. */
const BATCH = 500;

/**
 * Lists in the directory, once per store, every learner the log registered before the directory
 * existed (their names and email opened from the log; an erased learner stays unlisted). A store
 * opened on an empty log is simply marked filled. Later registrations list themselves.
 */
export const fillDirectoryFromLog = async (vault: PersonalDataVault, log: EventStore, at: Date): Promise<number> => {
  if ((await vault.keys.directoryFilledAt()) !== null) return 0;
  let listed = 0;
  let batch: LearnerRegistered['data'][] = [];
  const flush = async () => {
    const openers = await vault.openers(batch.map((learner) => learner.learnerId));
    const entries = batch.flatMap(({ learnerId, givenName, familyName, email }) => {
      const opener = openers.get(learnerId)!;
      const open = (text: PersonalText) => opener.text(text);
      const [given, family, mail] = [open(givenName), open(familyName), open(email)];
      return given === null || family === null || mail === null
        ? []
        : [{ learnerId, givenName: given, familyName: family, email: mail }];
    });
    await vault.enter(entries);
    listed += entries.length;
    batch = [];
  };
  for await (const event of log.readAll(0, { eventTypes: ['LearnerRegistered'] })) {
    batch.push((event as unknown as LearnerRegistered).data);
    if (batch.length === BATCH) await flush();
  }
  await flush();
  await vault.keys.markDirectoryFilled(at);
  return listed;
};
