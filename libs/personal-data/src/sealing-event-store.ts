import { ERASED_TEXT, PERSONAL_DATA_FIELDS } from '#domain';
import {
  appendsAtomically,
  type AppendResult,
  type EventFilter,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
} from '#event-store';
import type { PersonalDataVault } from './vault.js';

/** An event with personal data fields but no learner to seal them for: a bug upstream, never stored. */
export class UnsealableEvent extends Error {
  constructor(type: string) {
    super(`${type} carries personal data but no learnerId to seal it for`);
    this.name = 'UnsealableEvent';
  }
}

/**
 * The event store as every writer sees it: the personal data fields of each event
 * (PERSONAL_DATA_FIELDS) are sealed under the learner's key before the event reaches the log,
 * whoever appends it. Values already sealed pass through (an award copies the learner's sealed
 * name). For an erased learner no key exists any more, so such fields are stored as "[erased]".
 * Reads are untouched: readers open what they show through the vault.
 * Closing the store closes the vault's key store too (they live and die together).
 */
export class SealingEventStore implements EventStore {
  /** Present when the inner store has it: sealing does not make appends atomic. */
  readonly appendAll?: (appends: readonly StreamAppend[]) => Promise<AppendResult[]>;

  constructor(
    private readonly inner: EventStore,
    readonly vault: PersonalDataVault,
  ) {
    if (appendsAtomically(inner)) {
      this.appendAll = async (appends) => {
        const sealed: StreamAppend[] = [];
        for (const append of appends) sealed.push({ ...append, events: await this.sealAll(append.events) });
        return inner.appendAll(sealed);
      };
    }
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    return this.inner.append(streamId, await this.sealAll(events), expected);
  }

  private async sealAll(events: readonly NewEvent[]): Promise<NewEvent[]> {
    const sealed: NewEvent[] = [];
    for (const event of events) sealed.push(await this.seal(event));
    return sealed;
  }

  private async seal(event: NewEvent): Promise<NewEvent> {
    const fields = PERSONAL_DATA_FIELDS[event.type];
    if (!fields) return event;
    const data = { ...(event.data as Record<string, unknown>) };
    const plain = fields.filter((field) => typeof data[field] === 'string');
    if (plain.length === 0) return event;
    const learnerId = data.learnerId;
    if (typeof learnerId !== 'string' || learnerId === '') throw new UnsealableEvent(event.type);
    const seals = await this.vault.seal(
      learnerId,
      plain.map((field) => data[field] as string),
    );
    plain.forEach((field, i) => (data[field] = seals ? seals[i] : ERASED_TEXT));
    return { ...event, data };
  }

  read(streamId: string): Promise<RecordedEvent[]> {
    return this.inner.read(streamId);
  }

  readAll(after: number, filter?: EventFilter, pageSize?: number): AsyncIterable<RecordedEvent> {
    return this.inner.readAll(after, filter, pageSize);
  }

  subscribe(after: number, options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return this.inner.subscribe(after, options);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  async close(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      await this.vault.close();
    }
  }
}
