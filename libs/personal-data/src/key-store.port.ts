/**
 * Where the per-learner data keys live: never in the event log, so destroying a key here erases
 * every sealed copy of that learner's personal data, wherever the ciphertext went.
 */
export type LearnerKey =
  | { state: 'none' }
  | { state: 'active'; key: Buffer }
  /** The key was destroyed: no key is ever made for this learner again. */
  | { state: 'shredded'; shreddedAt: string };

export interface ShredResult {
  shreddedAt: string;
  /** True when the key had already been destroyed (shredding is idempotent). */
  alreadyShredded: boolean;
}

/** What a start-up check needs to know of the stored keys. */
export interface KeyStoreInspection {
  /** How many learners have a row (an active key or a record of its destruction). */
  learners: number;
  /** Up to 10 learners whose stored key is not DATA_KEY_BYTES long: a damaged store. */
  malformed: string[];
}

export interface PersonalDataKeyStore {
  /** Where the keys live, for messages: a file path or a schema-qualified table. */
  readonly location: string;
  inspect(): Promise<KeyStoreInspection>;
  find(learnerId: string): Promise<LearnerKey>;
  /** Several learners' keys in one lookup (a listing of learners); every id asked for is in the map. */
  findMany(learnerIds: readonly string[]): Promise<Map<string, LearnerKey>>;
  /**
   * Keeps `key` as the learner's key unless they already have one or were shredded, and returns
   * what is stored now: concurrent creators all end up with the same key.
   */
  create(learnerId: string, key: Buffer, at: Date): Promise<LearnerKey>;
  /** Destroys the learner's key, or records that they may never have one (a learner from before sealing). */
  shred(learnerId: string, at: Date): Promise<ShredResult>;
  close(): Promise<void>;
}

export const DATA_KEY_BYTES = 32;
