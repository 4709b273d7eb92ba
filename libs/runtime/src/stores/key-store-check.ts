import { isSealedText } from '#domain';
import type { EventStore } from '#event-store';
import { DATA_KEY_BYTES, type PersonalDataKeyStore } from '#personal-data';
import { StartupError } from '../startup-error.js';

/** True once the log holds a learner whose personal data was sealed (so has a key that must exist). */
const holdsSealedLearners = async (log: EventStore): Promise<boolean> => {
  for await (const event of log.readAll(0, { eventTypes: ['LearnerRegistered'] }))
    if (isSealedText((event.data as { givenName?: unknown }).givenName)) return true;
  return false;
};

/**
 * Refuses to start on a key store that cannot be the log's: one holding no keys while the log holds
 * sealed learners (a lost or replaced personal-data store would show every learner as erased), or
 * one with keys of the wrong length (damaged). Each message names the store and what to do.
 */
export const checkKeyStoreAgainstLog = async (keys: PersonalDataKeyStore, log: EventStore): Promise<void> => {
  const { learners, malformed } = await keys.inspect();
  if (malformed.length > 0)
    throw new StartupError(
      `${keys.location} is damaged: the keys of learners ${malformed.join(', ')} are not ${DATA_KEY_BYTES} bytes. ` +
        'Restore it from its backup (kept apart from the event log’s).',
    );
  if (learners === 0 && (await holdsSealedLearners(log)))
    throw new StartupError(
      `${keys.location} holds no personal-data keys, but the event log holds learners whose personal data is sealed: ` +
        'without their keys every learner would read as erased. Restore it from its backup (kept apart from the ' +
        'event log’s), or point DATA_DIR / DATABASE_URL at the right one.',
    );
};
