/**
 * The one port every event store adapter implements (design §1). Stream versions count events:
 * a stream with three events is at version 3; "no-stream" expects none. Global positions are
 * strictly increasing across the whole log and never reused.
 */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface EventMetadata {
  actor: string;
  role: string;
  correlationId: string;
  causationId: string | null;
  occurredAt: string;
  /**
   * Set when the command came with an Idempotency-Key: a hash of (principal, key). A retry finds it on
   * the stream and appends nothing, even when the process died before it could record the response.
   */
  idempotencyKey?: string;
}

export interface NewEvent {
  /** Optional caller-chosen id (a UUID); adapters generate one otherwise. */
  id?: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export interface RecordedEvent<Data = unknown> {
  id: string;
  streamId: string;
  /** 1-based position of this event in its stream. */
  streamVersion: number;
  /** Position in the global log; strictly increasing. */
  position: number;
  type: string;
  data: Data;
  metadata: EventMetadata;
  recordedAt: string;
}

export interface AppendResult {
  /** The stream's version after the append: pass it as `expected` for the next one. */
  nextExpectedVersion: number;
  /** Global position of the last appended event. */
  lastPosition: number;
}

/** One append of several made together (see `EventStore.appendAll`). */
export interface StreamAppend {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedVersion;
}

/** Which events a reader or subscriber wants; omitted fields match everything. */
export interface EventFilter {
  streamPrefixes?: readonly string[];
  eventTypes?: readonly string[];
}

export interface SubscribeOptions {
  filter?: EventFilter;
  /** Ends the iteration (cleanly) when aborted. */
  signal?: AbortSignal;
}

export interface EventStore {
  /** Appends all events atomically or none; throws ConcurrencyConflict when `expected` does not hold. */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  /**
   * Several appends (each with events) in one transaction, all or none, in the given order. A stream may
   * appear more than once: each append is checked against the version the previous one left. Throws
   * ConcurrencyConflict (naming the first stream whose expected version did not hold) and writes
   * nothing then. Optional: a store that cannot write several streams atomically leaves it out.
   */
  appendAll?(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** Every event of one stream in order; empty when the stream does not exist. */
  read(streamId: string): Promise<RecordedEvent[]>;
  /** Events with position > `after` (0 = from the start) in global order, in pages. */
  readAll(after: number, filter?: EventFilter, pageSize?: number): AsyncIterable<RecordedEvent>;
  /**
   * Catches up from `after`, then follows new events as they are appended, for ever (until the
   * signal aborts). Never skips: a consumer resumes from its own checkpoint after any error.
   */
  subscribe(after: number, options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /** Position of the newest event in the log (0 when empty). */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}

/** What a command needs of a store: its stream, and an append to it. */
export type StreamStore = Pick<EventStore, 'read' | 'append'>;

export class ConcurrencyConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId} is at version ${actual}, expected ${String(expected)}`);
    this.name = 'ConcurrencyConflict';
  }
}

export const matchesFilter = (event: Pick<RecordedEvent, 'streamId' | 'type'>, filter?: EventFilter): boolean =>
  (!filter?.streamPrefixes?.length || filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) &&
  (!filter?.eventTypes?.length || filter.eventTypes.includes(event.type));
