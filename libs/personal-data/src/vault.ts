import { randomBytes } from 'node:crypto';
import { ERASED_TEXT, isSealedText, systemClock, type Clock, type PersonalText, type SealedText } from '#domain';
import { openText, sealText } from './cipher.js';
import {
  DATA_KEY_BYTES,
  type DirectoryEntry,
  type LearnerKey,
  type PersonalDataKeyStore,
  type ShredResult,
} from './key-store.port.js';

/**
 * Opens one learner's personal data with one key lookup. Plain text (events from before sealing)
 * reads as itself until the learner is erased; after that nothing reads.
 */
export class PersonalDataOpener {
  constructor(
    readonly learnerId: string,
    private readonly key: LearnerKey,
  ) {}

  /** none: nothing sealed for them yet (or only plain text from before sealing); active; shredded: erased. */
  get keyState(): LearnerKey['state'] {
    return this.key.state;
  }

  /** True once the learner's key was destroyed. */
  get erased(): boolean {
    return this.key.state === 'shredded';
  }

  get erasedAt(): string | null {
    return this.key.state === 'shredded' ? this.key.shreddedAt : null;
  }

  /** The text, or null when erased or unreadable (a seal whose key is missing). Throws BrokenSeal on tampering. */
  text(value: PersonalText | null | undefined): string | null {
    if (value === null || value === undefined || this.key.state === 'shredded') return null;
    if (typeof value === 'string') return value;
    if (!isSealedText(value) || this.key.state !== 'active') return null;
    return openText(this.key.key, this.learnerId, value);
  }

  /** For display: the text, or "[erased]". */
  show(value: PersonalText | null | undefined): string {
    return this.text(value) ?? ERASED_TEXT;
  }
}

/**
 * Crypto-shredding: each learner's personal data is sealed (AES-256-GCM) under a data key of their
 * own, kept in the key store and never in the event log. Destroying the key erases every sealed
 * copy at once: events, read models, and backups of either.
 */
export class PersonalDataVault {
  constructor(
    readonly keys: PersonalDataKeyStore,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Seals texts under the learner's key, making the key on first use. Undefined once the learner
   * was erased: no key is ever made for them again, so nothing personal can be stored about them.
   */
  async seal(learnerId: string, texts: readonly string[]): Promise<SealedText[] | undefined> {
    let key = await this.keys.find(learnerId);
    if (key.state === 'none') key = await this.keys.create(learnerId, randomBytes(DATA_KEY_BYTES), this.clock.now());
    if (key.state !== 'active') return undefined;
    const active = key.key;
    return texts.map((text) => sealText(active, learnerId, text));
  }

  async opener(learnerId: string): Promise<PersonalDataOpener> {
    return new PersonalDataOpener(learnerId, await this.keys.find(learnerId));
  }

  /** Openers for several learners with one key lookup (listings). */
  async openers(learnerIds: readonly string[]): Promise<Map<string, PersonalDataOpener>> {
    const keys = await this.keys.findMany(learnerIds);
    return new Map([...keys].map(([id, key]) => [id, new PersonalDataOpener(id, key)]));
  }

  /** Lists learners in the searchable directory, beside their keys; an erased learner is never listed. */
  enter(entries: readonly DirectoryEntry[]): Promise<void> {
    return this.keys.enter(entries, this.clock.now());
  }

  /** Lists a new learner and claims their email (see PersonalDataKeyStore.claim): the others holding it when refused. */
  claim(entry: DirectoryEntry, shared: boolean): Promise<string[]> {
    return this.keys.claim(entry, this.clock.now(), shared);
  }

  /** Gives back the claim (and directory entry) of a registration that failed after claiming. */
  unlist(learnerId: string): Promise<void> {
    return this.keys.unlist(learnerId);
  }

  /** Destroys the learner's key and their directory entry (idempotent). */
  shred(learnerId: string): Promise<ShredResult> {
    return this.keys.shred(learnerId, this.clock.now());
  }

  close(): Promise<void> {
    return this.keys.close();
  }
}
