/**
 * A learner's personal data inside an event. The decider writes plain text; before the event is
 * stored the shell seals it under that learner's own key (crypto-shredding: destroying the key
 * erases every copy at once, in the log, the read models and their backups). Events stored before
 * sealing existed hold plain text. The domain never opens a seal; it only copies one (the learner's
 * name onto an award).
 */
export interface SealedText {
  /** AES-256-GCM with a 96-bit IV; the 128-bit tag is appended to the ciphertext. */
  sealed: 'A256GCM';
  /** base64url */
  iv: string;
  /** base64url of ciphertext || tag */
  ciphertext: string;
}

export type PersonalText = string | SealedText;

export const isSealedText = (value: unknown): value is SealedText =>
  typeof value === 'object' &&
  value !== null &&
  (value as SealedText).sealed === 'A256GCM' &&
  typeof (value as SealedText).iv === 'string' &&
  typeof (value as SealedText).ciphertext === 'string';

/** Shown in place of a learner's name once their personal data is erased. */
export const ERASED_TEXT = '[erased]';

/**
 * Every event field that holds learner personal data, by event type; the learner is the event's
 * `learnerId`. The shell seals exactly these fields before storing and opens them for readers, so a
 * new event type carrying personal data must be listed here.
 */
export const PERSONAL_DATA_FIELDS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  LearnerRegistered: Object.freeze(['givenName', 'familyName', 'email', 'fullName']),
  AwardIssued: Object.freeze(['learnerName']),
});
