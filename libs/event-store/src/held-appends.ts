import { randomUUID } from 'node:crypto';
import {
  ConcurrencyConflict,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type StreamAppend,
  type StreamStore,
} from './event-store.port.js';

/** A store that can write several appends in one transaction. */
export type AtomicStore = EventStore & Required<Pick<EventStore, 'appendAll'>>;

export const appendsAtomically = (store: EventStore): store is AtomicStore => typeof store.appendAll === 'function';

const holds = (expected: ExpectedVersion, version: number): boolean =>
  expected === 'any' || (expected === 'no-stream' ? version === 0 : expected === version);

/**
 * The streams as a run of commands sees them while their appends are held back: reads include what
 * is held, each append is checked against the version the previous one left, and `flush` writes
 * them all in one transaction (appendAll), in order. A batch of reactions then pays one durable
 * commit instead of one per command. A stream is read from the store once; if another writer
 * appends to it meanwhile, `flush` fails with ConcurrencyConflict and writes nothing.
 * Held events have no global position yet: they report 0.
 */
export class HeldAppends implements StreamStore {
  private held: StreamAppend[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();

  constructor(private readonly store: AtomicStore) {}

  async read(streamId: string): Promise<RecordedEvent[]> {
    return [...(await this.stream(streamId))];
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const stream = await this.stream(streamId);
    const version = stream.length;
    if (!holds(expected, version)) throw new ConcurrencyConflict(streamId, expected, version);
    const recordedAt = new Date().toISOString();
    const held = events.map((event, i) => ({ ...event, id: event.id ?? randomUUID(), streamVersion: version + i + 1 }));
    for (const event of held) {
      stream.push({
        id: event.id,
        streamId,
        streamVersion: event.streamVersion,
        position: 0,
        type: event.type,
        // As a store hands them back: parsed from what would be written, sharing nothing with the caller.
        data: JSON.parse(JSON.stringify(event.data ?? null)) as unknown,
        metadata: event.metadata,
        recordedAt,
      });
    }
    if (held.length > 0)
      this.held.push({
        streamId,
        events: held.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
        expected: version === 0 ? 'no-stream' : version,
      });
    return { nextExpectedVersion: version + events.length, lastPosition: 0 };
  }

  /** Writes everything held, all or none; afterwards this view reads the store afresh. */
  async flush(): Promise<void> {
    const held = this.held;
    this.held = [];
    this.streams.clear();
    if (held.length > 0) await this.store.appendAll(held);
  }

  private async stream(streamId: string): Promise<RecordedEvent[]> {
    let stream = this.streams.get(streamId);
    if (!stream) this.streams.set(streamId, (stream = await this.store.read(streamId)));
    return stream;
  }
}
