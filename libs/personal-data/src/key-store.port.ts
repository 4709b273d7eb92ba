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

/** A learner as the registry's directory finds them: plain text, kept only beside their key. */
export interface DirectoryEntry {
  learnerId: string;
  givenName: string;
  familyName: string;
  email: string;
}

/** How many learners one directory search returns at most. */
export const DIRECTORY_PAGE = 100;

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
  /**
   * Destroys the learner's key, or records that they may never have one (a learner from before
   * sealing), and removes them from the directory (and their email claim) in the same transaction.
   */
  shred(learnerId: string, at: Date): Promise<ShredResult>;
  /** Adds (or replaces) learners' directory entries in one transaction; a shredded learner's is ignored. */
  enter(entries: readonly DirectoryEntry[], at: Date): Promise<void>;
  /**
   * Lists a newly registered learner and claims their email for them (compared lower-cased), in one
   * transaction, so of two registrations racing with one email exactly one is listed. Refused, with
   * nothing written, when other learners are listed with the email or hold its claim, unless `shared`
   * (the registry confirmed a new person who shares it): returns those others, claimant first, or []
   * once listed. The learner's own earlier claim (a retried registration) is granted again.
   */
  claim(entry: DirectoryEntry, at: Date, shared: boolean): Promise<string[]>;
  /** Takes a learner whose registration failed after its claim out of the directory, and gives the claim back. */
  unlist(learnerId: string): Promise<void>;
  /** When the directory was filled from the log (the learners registered before it existed), or null. */
  directoryFilledAt(): Promise<string | null>;
  markDirectoryFilled(at: Date): Promise<void>;
  /** Ids of the learners registered with this email (compared lower-cased), oldest first. */
  withEmail(email: string): Promise<string[]>;
  /**
   * Ids of up to DIRECTORY_PAGE learners whose name, email or id contains every word (case-
   * insensitively), by family name, given name and id; every learner when there are no words. Indexed.
   */
  search(words: readonly string[]): Promise<string[]>;
  close(): Promise<void>;
}

export const DATA_KEY_BYTES = 32;
