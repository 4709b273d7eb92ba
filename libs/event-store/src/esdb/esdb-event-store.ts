import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type Filter,
  type JSONType,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import {
  ConcurrencyConflict,
  matchesFilter,
  type AppendResult,
  type EventFilter,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type SubscribeOptions,
} from '../event-store.port.js';

/*
 * Pure mappings between the port's numbers and EventStoreDB's revisions and positions. Exported so
 * that they can be tested without a server.
 */

/**
 * The port counts events (a stream with n events is at version n, 'no-stream' and 0 expect none);
 * EventStoreDB numbers them from 0 (a stream with n events is at revision n-1). So expected version
 * n > 0 is revision n-1, and both 'no-stream' and 0 are NO_STREAM.
 */
export const toExpectedRevision = (expected: ExpectedVersion): AppendExpectedRevision => {
  if (expected === 'any') return ANY;
  if (expected === 'no-stream' || expected === 0) return NO_STREAM;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(
      `expected version must be 'any', 'no-stream' or a non-negative integer, got ${String(expected)}`,
    );
  }
  return BigInt(expected - 1);
};

/** The port's version of a stream from EventStoreDB's current revision (NO_STREAM, or -1 from old servers, is 0). */
export const toStreamVersion = (current: CurrentRevision): number =>
  current === NO_STREAM || current < 0n ? 0 : Number(current) + 1;

/**
 * The port's global position of an event: its commit position in the transaction log (a byte
 * offset), as a JS number. Events written by appends (implicit transactions, the only kind gRPC
 * clients can write) each have their own commit position (= prepare position), so these numbers
 * strictly increase along $all — but they are NOT consecutive: position 1,234 may be followed by
 * 1,587. Numbers are exact up to 2^53 - 1 bytes (8 PiB of log); beyond that this throws rather than
 * silently rounding (and so reordering) positions.
 */
export const toGlobalPosition = (commit: bigint): number => {
  if (commit < 0n || commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`EventStoreDB commit position ${commit} does not fit a JS number exactly (max 2^53 - 1)`);
  }
  return Number(commit);
};

/**
 * Where to start reading $all so as to see the events after `after` (0 = the start). A position
 * the port handed out is an event's commit position, which equals its prepare position, so the
 * pair is the exact record position EventStoreDB expects. Reads from a position are inclusive and
 * subscriptions exclusive; callers skip positions <= `after` either way.
 */
export const toReadPosition = (after: number): ReadPosition => {
  if (!Number.isSafeInteger(after) || after < 0)
    throw new RangeError(`position must be a non-negative safe integer, got ${after}`);
  return after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) };
};

/** System events ($-prefixed type or stream: $metadata, $>, $statsCollected, $$stream...) are not the application's. */
export const isSystemEvent = (streamId: string, type: string): boolean =>
  streamId.startsWith('$') || type.startsWith('$');

/**
 * The server-side filter of a subscription. EventStoreDB filters on ONE of stream name or event
 * type, by prefix or regex; the port's filter (exact types, stream prefixes, both at once) is
 * therefore narrowed as far as the server can, and always re-applied exactly on the client.
 */
export const serverFilterFor = (filter: EventFilter | undefined, namespace = ''): Filter => {
  if (filter?.streamPrefixes?.length)
    return streamNameFilter({ prefixes: filter.streamPrefixes.map((p) => namespace + p) });
  if (namespace) return streamNameFilter({ prefixes: [namespace] });
  if (filter?.eventTypes?.length) return eventTypeFilter({ prefixes: [...filter.eventTypes] });
  return excludeSystemEvents();
};

/** The part of the client this adapter uses (injectable for tests). */
export type EsdbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
>;

export interface SubscriptionDrop {
  error: unknown;
  /** Consecutive failed attempts, from 1. */
  attempt: number;
  /** The subscription resumes after this position (the last one it delivered or skipped). */
  resumeAfter: number;
  delayMs: number;
}

export interface EsdbEventStoreOptions {
  /** E.g. `esdb://localhost:2113?tls=false` or `kurrentdb+discover://...`; see the client's docs. */
  connectionString: string;
  /**
   * Prefix of every stream this store writes and the only streams it reads, stripped from the
   * stream ids it returns. For isolating tests or environments sharing one server. Note that
   * `headPosition` (and so `readAll`) scans $all backwards past other namespaces' events.
   */
  namespace?: string;
  /** First and longest wait before resubscribing after a dropped subscription. Default 100 ms and 5 s. */
  retry?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Told about every drop; default: one console.warn line per drop. */
  onSubscriptionDrop?: (drop: SubscriptionDrop) => void;
  /** Read one event from $all in connect(), to fail fast on a wrong address or credentials. Default true. */
  verifyConnection?: boolean;
}

const DEFAULT_PAGE_SIZE = 500;
const HEAD_SCAN_PAGE = 200;

/** The fields of the client's recorded events this adapter reads (JSON or binary). */
interface EsdbRecorded {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

interface Resolved {
  event?: unknown;
  commitPosition?: bigint;
}

/** Read streams and subscriptions emit 'error' from gRPC callbacks; with no listener left that would crash the process. */
const quiet = <S extends { on(event: 'error', listener: (err: Error) => void): unknown }>(stream: S): S => {
  stream.on('error', () => undefined);
  return stream;
};

const isStreamNotFound = (err: unknown): boolean =>
  err instanceof StreamNotFoundError || (err as { type?: unknown } | null)?.type === 'stream-not-found';

const isWrongExpectedVersion = (err: unknown): err is WrongExpectedVersionError =>
  err instanceof WrongExpectedVersionError || (err as { type?: unknown } | null)?.type === 'wrong-expected-version';

const decodeBinary = (bytes: unknown): unknown => {
  if (!(bytes instanceof Uint8Array)) return bytes;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return bytes;
  }
};

/**
 * EventStoreDB / KurrentDB adapter of the EventStore port (gRPC client 6.x).
 *
 * - Versions: port version n = EventStoreDB revision n-1 (see toExpectedRevision); a
 *   WrongExpectedVersionError becomes a ConcurrencyConflict carrying the actual version.
 * - Positions: the commit position (see toGlobalPosition). `lastPosition` of an append is read back
 *   from the stream (one extra read), because the append response's position is not documented to
 *   be that of the LAST event of a multi-event append.
 * - System events ($-prefixed type or stream) are never returned by readAll or subscribe.
 * - readAll filters on the client (the 6.x client has no server-side filter for reads); subscribe
 *   uses a server-side filter (see serverFilterFor) and re-checks on the client.
 * - subscribe consumes `subscribeToAll` with `for await`; on ANY drop (error or end) it waits
 *   (exponential backoff) and resubscribes from the last position it saw, skipping anything at or
 *   before it, so it neither skips nor repeats. It ends cleanly on abort, on break and on close().
 *   Only a RangeError (a position beyond 2^53, or a server too old to report positions) ends it with
 *   an error, since resubscribing could not help.
 * - Not enforced, unlike the SQL adapters: globally unique event ids. EventStoreDB only
 *   deduplicates (idempotently, by succeeding without writing) a retried append at the same expected
 *   version; the same id in another stream, or at the stream's current version, is written again.
 *   Duplicate ids within one append are rejected here before anything is sent.
 */
export class EsdbEventStore implements EventStore {
  private readonly namespace: string;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly onDrop: (drop: SubscriptionDrop) => void;
  private closed = false;
  private closing: Promise<void> | undefined;
  /** Stops every running subscription call and wakes every backoff wait (abort, close). */
  private readonly stoppers = new Set<() => void>();

  private constructor(
    private readonly client: EsdbClient,
    options: Omit<EsdbEventStoreOptions, 'connectionString'>,
  ) {
    this.namespace = options.namespace ?? '';
    this.initialDelayMs = options.retry?.initialDelayMs ?? 100;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 5000;
    this.onDrop =
      options.onSubscriptionDrop ??
      ((drop) =>
        console.warn(
          `EsdbEventStore: subscription dropped (${drop.error instanceof Error ? drop.error.message : String(drop.error)}); ` +
            `resubscribing after position ${drop.resumeAfter} in ${drop.delayMs} ms (attempt ${drop.attempt})`,
        ));
  }

  static async connect(options: EsdbEventStoreOptions): Promise<EsdbEventStore> {
    const client = EventStoreDBClient.connectionString(options.connectionString);
    const store = new EsdbEventStore(client, options);
    if (options.verifyConnection ?? true) {
      try {
        await store.lastRecord();
      } catch (err) {
        await client.dispose().catch(() => undefined);
        const address = options.connectionString.replace(/\/\/[^@/]*@/, '//<credentials>@');
        throw new Error(
          `EventStoreDB at ${address} is unreachable: ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      }
    }
    return store;
  }

  /** Wraps a client built elsewhere (tests, custom channel credentials). close() disposes it. */
  static fromClient(client: EsdbClient, options: Omit<EsdbEventStoreOptions, 'connectionString'> = {}): EsdbEventStore {
    return new EsdbEventStore(client, options);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    this.assertOpen();
    const expectedRevision = toExpectedRevision(expected);
    const name = this.namespace + streamId;
    if (events.length === 0) return this.emptyAppend(streamId, expected);
    const ids = events.map((e) => e.id ?? randomUUID());
    if (new Set(ids).size !== ids.length)
      throw new Error(`append to ${streamId} rejected: duplicate event id within the append`);
    const proposed = events.map((e, i) =>
      jsonEvent({
        id: ids[i],
        type: e.type,
        data: (e.data ?? null) as JSONType,
        metadata: e.metadata as unknown as JSONType,
      }),
    );
    let result;
    try {
      result = await this.client.appendToStream(name, proposed, { expectedRevision });
    } catch (err) {
      if (isWrongExpectedVersion(err))
        throw new ConcurrencyConflict(streamId, expected, toStreamVersion(err.actualVersion));
      throw err;
    }
    if (!result.success) {
      // Only with throwOnAppendFailure=false in the connection string; the client then loses the actual revision.
      throw new ConcurrencyConflict(streamId, expected, (await this.lastEventOf(name))?.version ?? 0);
    }
    const last = await this.eventAt(name, result.nextExpectedRevision);
    const lastPosition = last?.position ?? (result.position ? toGlobalPosition(result.position.commit) : undefined);
    if (lastPosition === undefined)
      throw new RangeError(`EventStoreDB returned no position for ${streamId}; it needs server version 22.10 or later`);
    return { nextExpectedVersion: Number(result.nextExpectedRevision) + 1, lastPosition };
  }

  async read(streamId: string): Promise<RecordedEvent[]> {
    this.assertOpen();
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of quiet(
        this.client.readStream(this.namespace + streamId, { fromRevision: START, direction: FORWARDS }),
      )) {
        const recorded = this.toRecorded(resolved);
        if (recorded) events.push(recorded);
      }
    } catch (err) {
      if (isStreamNotFound(err)) return [];
      throw err;
    }
    return events;
  }

  /** Events with position > `after` up to the head as it was when the iteration started. */
  async *readAll(after: number, filter?: EventFilter, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<RecordedEvent> {
    if (!Number.isInteger(pageSize) || pageSize < 1)
      throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
    let from = toReadPosition(after);
    this.assertOpen();
    const head = await this.headPosition();
    // Also keeps a position that is not an event's (e.g. after + 100) away from the server.
    if (after >= head) return;
    let last = after;
    for (;;) {
      this.assertOpen();
      // Reads from a position include the event there, which we have seen: ask for one more.
      const maxCount = from === START ? pageSize : pageSize + 1;
      let received = 0;
      const read = quiet(this.client.readAll({ fromPosition: from, maxCount, direction: FORWARDS }));
      try {
        for await (const resolved of read) {
          received++;
          const position = this.positionOf(resolved);
          if (position === undefined) continue;
          from = position.exact;
          if (position.number <= last) continue;
          last = position.number;
          if (last > head) return;
          const recorded = this.toVisible(resolved);
          if (recorded && matchesFilter(recorded, filter)) yield recorded;
          if (last === head) return;
        }
      } finally {
        if (!read.readableEnded) await read.cancel().catch(() => undefined);
      }
      if (received < maxCount) return; // the end of the log
    }
  }

  subscribe(after: number, options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    return this.follow(after, options);
  }

  private async *follow(after: number, { filter, signal }: SubscribeOptions): AsyncGenerator<RecordedEvent> {
    let from = toReadPosition(after);
    let last = after;
    let attempt = 0;
    const serverFilter = serverFilterFor(filter, this.namespace);
    const ended = (): boolean => this.closed || signal?.aborted === true;
    while (!ended()) {
      const subscription = quiet(this.client.subscribeToAll({ fromPosition: from, filter: serverFilter }));
      const stop = (): void => {
        subscription.destroy();
        subscription.unsubscribe().catch(() => undefined);
      };
      this.stoppers.add(stop);
      signal?.addEventListener('abort', stop, { once: true });
      let failure: unknown = new Error('the server ended the subscription');
      try {
        for await (const resolved of subscription) {
          const position = this.positionOf(resolved);
          if (position === undefined || position.number <= last) continue;
          last = position.number;
          from = position.exact;
          attempt = 0;
          const recorded = this.toVisible(resolved);
          if (!recorded || !matchesFilter(recorded, filter)) continue;
          if (ended()) return;
          yield recorded;
          if (ended()) return;
        }
      } catch (err) {
        // A position this adapter cannot represent is not a drop: retrying would loop for ever.
        if (err instanceof RangeError) throw err;
        failure = err;
      } finally {
        signal?.removeEventListener('abort', stop);
        this.stoppers.delete(stop);
        stop(); // cancels the call if it is still running (consumer break, error)
      }
      if (ended()) return;
      attempt++;
      const delayMs = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** (attempt - 1));
      this.onDrop({ error: failure, attempt, resumeAfter: last, delayMs });
      await this.pause(delayMs, signal);
    }
  }

  /** Position of the newest application event (0 when there is none), scanning back past system events. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    let from: ReadPosition = END;
    let lowest: number | undefined;
    for (;;) {
      let received = 0;
      const read = quiet(this.client.readAll({ fromPosition: from, maxCount: HEAD_SCAN_PAGE, direction: BACKWARDS }));
      try {
        for await (const resolved of read) {
          received++;
          const position = this.positionOf(resolved);
          if (position === undefined || (lowest !== undefined && position.number >= lowest)) continue;
          lowest = position.number;
          from = position.exact;
          if (this.toVisible(resolved)) return position.number;
        }
      } finally {
        if (!read.readableEnded) await read.cancel().catch(() => undefined);
      }
      if (received < HEAD_SCAN_PAGE) return 0; // reached the start of the log
    }
  }

  /** Ends every subscription (they return cleanly) and disposes the client. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      for (const stop of [...this.stoppers]) stop();
      await this.client.dispose();
    })();
    return this.closing;
  }

  private async emptyAppend(streamId: string, expected: ExpectedVersion): Promise<AppendResult> {
    // Nothing to write: report where the stream stands, checking `expected` like a real append would.
    const last = await this.lastEventOf(this.namespace + streamId);
    const actual = last?.version ?? 0;
    if (expected !== 'any' && (expected === 'no-stream' ? actual !== 0 : actual !== expected)) {
      throw new ConcurrencyConflict(streamId, expected, actual);
    }
    return { nextExpectedVersion: actual, lastPosition: last?.position ?? 0 };
  }

  private async lastEventOf(name: string): Promise<{ version: number; position: number } | undefined> {
    return this.readOne(name, END, BACKWARDS);
  }

  private async eventAt(name: string, revision: bigint): Promise<{ version: number; position: number } | undefined> {
    return this.readOne(name, revision, FORWARDS);
  }

  private async readOne(
    name: string,
    fromRevision: bigint | typeof END,
    direction: typeof FORWARDS | typeof BACKWARDS,
  ): Promise<{ version: number; position: number } | undefined> {
    try {
      for await (const resolved of quiet(this.client.readStream(name, { fromRevision, direction, maxCount: 1 }))) {
        const event = resolved.event as EsdbRecorded | undefined;
        if (!event) continue;
        const commit = event.position?.commit ?? resolved.commitPosition;
        if (commit === undefined)
          throw new RangeError(`EventStoreDB returned no position for ${name}; it needs server version 22.10 or later`);
        return { version: Number(event.revision) + 1, position: toGlobalPosition(commit) };
      }
    } catch (err) {
      if (isStreamNotFound(err)) return undefined;
      throw err;
    }
    return undefined;
  }

  /** Reads the newest record of $all (any kind): a cheap round trip to prove the server answers. */
  private async lastRecord(): Promise<void> {
    const read = quiet(this.client.readAll({ fromPosition: END, maxCount: 1, direction: BACKWARDS }));
    for await (const resolved of read) void (resolved as AllStreamResolvedEvent);
  }

  private positionOf(resolved: Resolved): { number: number; exact: Position } | undefined {
    const event = resolved.event as EsdbRecorded | undefined;
    const exact =
      event?.position ??
      (resolved.commitPosition === undefined
        ? undefined
        : { commit: resolved.commitPosition, prepare: resolved.commitPosition });
    return exact && { number: toGlobalPosition(exact.commit), exact };
  }

  /** The port's event, or undefined for system events and other namespaces' events. */
  private toVisible(resolved: Resolved): RecordedEvent | undefined {
    const event = resolved.event as EsdbRecorded | undefined;
    if (!event || isSystemEvent(event.streamId, event.type) || !event.streamId.startsWith(this.namespace))
      return undefined;
    return this.toRecorded(resolved);
  }

  private toRecorded(resolved: Resolved): RecordedEvent | undefined {
    const event = resolved.event as EsdbRecorded | undefined;
    if (!event) return undefined;
    const commit = event.position?.commit ?? resolved.commitPosition;
    if (commit === undefined)
      throw new RangeError(
        `EventStoreDB returned no position for ${event.streamId}; it needs server version 22.10 or later`,
      );
    return {
      id: event.id,
      streamId: event.streamId.slice(this.namespace.length),
      streamVersion: Number(event.revision) + 1,
      position: toGlobalPosition(commit),
      type: event.type,
      data: event.isJson ? event.data : decodeBinary(event.data),
      metadata: decodeBinary(event.metadata) as EventMetadata,
      recordedAt: event.created.toISOString(),
    };
  }

  /** Waits `ms`, or less if the signal aborts or the store closes. */
  private pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.stoppers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      this.stoppers.add(done);
      if (this.closed || signal?.aborted) done();
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('EsdbEventStore is closed');
  }
}
