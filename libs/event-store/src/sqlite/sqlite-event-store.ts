import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import {
  ConcurrencyConflict,
  type AppendResult,
  type EventFilter,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeOptions,
} from '../event-store.port.js';
import { SCHEMA_SQL } from './schema.js';
import { RecentStreams } from './recent-streams.js';
import { AppendedTail } from './appended-tail.js';
import { checkpointInBackground, type BackgroundCheckpoints } from './background-checkpoints.js';
import { isSqliteError, withinBusyWait } from './busy-wait.js';

export interface SqliteEventStoreOptions {
  /** Database file path, or ':memory:' (no WAL, private to this instance). */
  path: string;
  /** How often a waiting subscriber polls for events appended by other processes. Default 250. */
  pollIntervalMs?: number;
  /** How long to wait for another connection's lock before failing with SQLITE_BUSY. Default 5000. */
  busyTimeoutMs?: number;
  /** WAL size past which a background checkpoint may briefly hold writers back to empty it. Default 256 MiB. */
  walLimitBytes?: number;
  /** How many recently read streams to keep parsed in memory (0: none). Default 2,000 (a few MB). */
  recentStreams?: number;
  /** How many of its latest appended events to keep for subscribers (0: none). Default 1,000. */
  appendedTail?: number;
}

interface Appended extends AppendResult {
  /** The rows written. */
  rows: EventRow[];
  /** The stream's version before the append. */
  previousVersion: number;
}

interface EventRow {
  position: number;
  id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

type PageStatement = Database.Statement<unknown[], EventRow>;

const DEFAULT_PAGE_SIZE = 1000;
const COLUMNS = 'position, id, stream_id, stream_version, type, data, metadata, recorded_at';

/**
 * Event store on one SQLite file (WAL). Appends are serialised by SQLite's single writer lock
 * (BEGIN IMMEDIATE), so a committed position is never overtaken by a smaller, still-invisible one:
 * readers may page by position without gaps. Several instances, in this or other processes, may
 * share the file; subscribers see foreign appends through polling, local ones immediately.
 */
export class SqliteEventStore implements EventStore {
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(options);
  }

  private readonly db: Database.Database;
  private readonly pollIntervalMs: number;
  private readonly busyTimeoutMs: number;
  /** Wake-up callbacks of subscribers waiting for new events: run after each append and on close. */
  private readonly waiters = new Set<() => void>();
  /** Page queries by filter shape (number of prefixes and types). */
  private readonly pageStatements = new Map<string, PageStatement>();
  private closed = false;
  private readonly checkpoints: BackgroundCheckpoints | undefined;

  private readonly streamVersion: Database.Statement<[string], { version: number }>;
  private readonly positionOf: Database.Statement<[string, number], { position: number }>;
  private readonly insertEvent: Database.Statement<[string, string, number, string, string, string, string]>;
  private readonly readStreamAfter: Database.Statement<[string, number], EventRow>;
  private readonly recentStreams: RecentStreams;
  private readonly appendedTail: AppendedTail;
  private readonly head: Database.Statement<[], { head: number }>;
  private readonly appendAllTransaction: (appends: readonly StreamAppend[]) => Appended[];

  constructor(options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.busyTimeoutMs = Math.trunc(options.busyTimeoutMs ?? 5000);
    this.db = new Database(options.path, { timeout: this.busyTimeoutMs });
    this.db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    if (options.path !== ':memory:') {
      // Checkpoints (and their fsync) off the event loop; back on here if the worker cannot do them.
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpoints = checkpointInBackground(
        options.path,
        () => this.db.open && this.db.pragma('wal_autocheckpoint = 1000'),
        options.walLimitBytes,
      );
    }
    this.db.exec(SCHEMA_SQL);

    this.streamVersion = this.db.prepare(
      'SELECT COALESCE(MAX(stream_version), 0) AS version FROM events WHERE stream_id = ?',
    );
    this.positionOf = this.db.prepare('SELECT position FROM events WHERE stream_id = ? AND stream_version = ?');
    this.insertEvent = this.db.prepare(
      'INSERT INTO events (id, stream_id, stream_version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.readStreamAfter = this.db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_version > ? ORDER BY stream_version`,
    );
    this.recentStreams = new RecentStreams(options.recentStreams ?? 2_000);
    this.appendedTail = new AppendedTail(options.appendedTail ?? 1_000);
    this.head = this.db.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events');
    this.appendAllTransaction = this.db.transaction((appends: readonly StreamAppend[]) =>
      appends.map(({ streamId, events, expected }) => this.appendInTransaction(streamId, events, expected)),
    ).immediate;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    return (await this.appendAll([{ streamId, events, expected }]))[0]!;
  }

  async appendAll(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    let appended: Appended[];
    try {
      appended = await withinBusyWait(() => this.appendAllTransaction(appends), this.busyTimeoutMs);
    } catch (error) {
      // Another writer took one of our versions (the index is the last line of defence).
      const first = appends[0];
      if (
        first &&
        isSqliteError(error) &&
        error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
        error.message.includes('events.stream_id')
      ) {
        throw new ConcurrencyConflict(first.streamId, first.expected, this.streamVersion.get(first.streamId)!.version);
      }
      throw error;
    }
    appended.forEach((written, i) => this.remember(appends[i]!.streamId, written));
    if (appended.some((written) => written.rows.length > 0)) this.wakeSubscribers();
    return appended.map(({ nextExpectedVersion, lastPosition }) => ({ nextExpectedVersion, lastPosition }));
  }

  /** Parsed from what was written, after the commit: readers share nothing with the caller's objects. */
  private remember(streamId: string, { rows, previousVersion }: Appended): void {
    if (rows.length === 0) return;
    const recorded = rows.map(toRecordedEvent);
    this.appendedTail.add(recorded);
    const known = this.recentStreams.known(streamId);
    if (known.length === previousVersion) this.recentStreams.remember(streamId, [...known, ...recorded]);
  }

  /**
   * Reads only what was appended since this store last read the stream (by anyone, in any
   * process: the query is always made). Callers get their own array; the events are shared and
   * must not be mutated.
   */
  async read(streamId: string): Promise<RecordedEvent[]> {
    this.assertOpen();
    const known = this.recentStreams.known(streamId);
    const newer = this.readStreamAfter.all(streamId, known.length).map(toRecordedEvent);
    const events = newer.length > 0 ? [...known, ...newer] : known;
    this.recentStreams.remember(streamId, events);
    return [...events];
  }

  /** Events with position > `after` up to the head as it was when the iteration started. */
  async *readAll(after: number, filter?: EventFilter, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const head = this.head.get()!.head;
    let position = after;
    while (position < head) {
      this.assertOpen();
      const events = this.eventsAfter(position, head, filter, pageSize);
      position = events.length < pageSize ? head : events[events.length - 1]!.position;
      yield* events;
    }
  }

  /** Ends (returns) when `signal` aborts or the store closes, including on a closed store. */
  async *subscribe(after: number, options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    const { filter, signal } = options;
    const stopped = () => this.closed || signal?.aborted === true;
    let position = after;
    while (!stopped()) {
      // Reading the head and registering the waiter happen in one synchronous step, so no local
      // append can slip in between; foreign ones are caught by the poll timer.
      const head = this.head.get()!.head;
      if (position >= head) {
        await this.waitForAppend(signal);
        continue;
      }
      const events = this.eventsAfter(position, head, filter, DEFAULT_PAGE_SIZE);
      position = events.length < DEFAULT_PAGE_SIZE ? head : events[events.length - 1]!.position;
      for (const event of events) {
        yield event;
        if (stopped()) return;
      }
    }
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.head.get()!.head;
  }

  /** Ends every open subscription, then closes the database. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wakeSubscribers();
    await this.checkpoints?.stop();
    this.db.close();
  }

  private appendInTransaction(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Appended {
    const current = this.streamVersion.get(streamId)!.version;
    if ((expected === 'no-stream' && current !== 0) || (typeof expected === 'number' && expected !== current)) {
      throw new ConcurrencyConflict(streamId, expected, current);
    }
    if (events.length === 0) {
      const lastPosition = this.positionOf.get(streamId, current)?.position ?? 0;
      return { nextExpectedVersion: current, lastPosition, rows: [], previousVersion: current };
    }
    const recordedAt = new Date().toISOString();
    const rows = events.map((event, index): EventRow => {
      const row = {
        position: 0,
        id: event.id ?? randomUUID(),
        stream_id: streamId,
        stream_version: current + index + 1,
        type: event.type,
        data: JSON.stringify(event.data ?? null),
        metadata: JSON.stringify(event.metadata),
        recorded_at: recordedAt,
      };
      const { lastInsertRowid } = this.insertEvent.run(
        row.id,
        row.stream_id,
        row.stream_version,
        row.type,
        row.data,
        row.metadata,
        row.recorded_at,
      );
      row.position = Number(lastInsertRowid);
      return row;
    });
    return {
      nextExpectedVersion: current + events.length,
      lastPosition: rows.at(-1)!.position,
      rows,
      previousVersion: current,
    };
  }

  /** Up to `limit` matching events with after < position <= upTo: from memory if it has them all. */
  private eventsAfter(after: number, upTo: number, filter: EventFilter | undefined, limit: number): RecordedEvent[] {
    return (
      this.appendedTail.between(after, upTo, filter, limit) ??
      this.page(after, upTo, filter, limit).map(toRecordedEvent)
    );
  }

  /** Up to `limit` matching events with after < position <= upTo, in position order. */
  private page(after: number, upTo: number, filter: EventFilter | undefined, limit: number): EventRow[] {
    const prefixes = filter?.streamPrefixes ?? [];
    const types = filter?.eventTypes ?? [];
    const key = `${prefixes.length}:${types.length}`;
    let statement = this.pageStatements.get(key);
    if (!statement) {
      const conditions = ['position > ?', 'position <= ?'];
      if (prefixes.length) {
        conditions.push(`(${prefixes.map(() => 'substr(stream_id, 1, length(?)) = ?').join(' OR ')})`);
      }
      if (types.length) conditions.push(`type IN (${types.map(() => '?').join(', ')})`);
      statement = this.db.prepare<unknown[], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`,
      );
      this.pageStatements.set(key, statement);
    }
    return statement.all(after, upTo, ...prefixes.flatMap((p) => [p, p]), ...types, limit);
  }

  /** Resolves on the next local append, after one poll interval, on abort, or on close. */
  private waitForAppend(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, this.pollIntervalMs);
      this.waiters.add(wake);
      signal?.addEventListener('abort', wake);
    });
  }

  private wakeSubscribers(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteEventStore is closed');
  }
}

const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  id: row.id,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  position: row.position,
  type: row.type,
  data: JSON.parse(row.data) as unknown,
  metadata: JSON.parse(row.metadata) as EventMetadata,
  recordedAt: row.recorded_at,
});
