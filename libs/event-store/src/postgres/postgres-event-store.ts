import { createHash } from 'node:crypto';
import pg from 'pg';
import { inTransaction, lockKey, quoteIdent } from '#postgres';
import {
  appendBatchParameters,
  appendBatchSql,
  batchOutcomes,
  isVersion,
  runsOfDistinctStreams,
  type BatchedAppend,
  type BatchedOutcome,
} from './append-batch.js';
import { GroupCommit, type QueuedAppend } from './group-commit.js';
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

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Schema holding the `events` and `streams` tables; created if missing. Default `public`. */
  schema?: string;
  /** Fallback poll interval of subscriptions, in case a notification is lost. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Maximum connections of the pool (the LISTEN connection comes on top). Default 10. */
  poolSize?: number;
}

const DEFAULT_PAGE_SIZE = 500;
/** Advisory-lock namespaces (first key of the two-int form); the second key is derived from the schema. */
const APPEND_LOCK_CLASS = 0x43_52_45_44; // "CRED"
const MIGRATE_LOCK_CLASS = 0x43_52_45_45;

/** Unique constraints whose violation means another writer got to the same stream version first. */
const STREAM_VERSION_CONSTRAINTS = new Set(['events_stream_id_stream_version_key', 'streams_pkey']);

/** Shows in pg_stat_activity which store (and schema) a connection belongs to; at most 63 bytes. */
const applicationName = (role: string, schema: string): string =>
  Buffer.from(`${role} ${schema}`).subarray(0, 63).toString();

/** LIKE pattern matching every string that starts with `prefix` (default escape character `\`). */
const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

interface EventRow {
  position: string;
  id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
}

const toRecorded = (row: EventRow): RecordedEvent => ({
  id: row.id,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  position: Number(row.position),
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  recordedAt: row.recorded_at.toISOString(),
});

type BatchRow = Parameters<typeof batchOutcomes>[0][number];

/** The append statement is prepared once per connection: parsing and planning it costs more than running it. */
const APPEND_STATEMENT = 'credence-append-batch';

/** A group commit stops adding appends at this many events; a larger append still goes alone. */
const MAX_EVENTS_PER_BATCH = 1000;

const toError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

/** How one unit of a batch fared. */
type Settled = { results: AppendResult[] } | { refused: ConcurrencyConflict };

/** How one append fared, as the batch statement reported it. */
const settledAppend = ({ streamId, events, expected }: StreamAppend, outcome: BatchedOutcome): Settled =>
  outcome.accepted
    ? { results: [{ nextExpectedVersion: outcome.actual + events.length, lastPosition: outcome.lastPosition }] }
    : { refused: new ConcurrencyConflict(streamId, expected, outcome.actual) };

/** COMMIT itself failed: whether the batch was written is unknown, so nothing may retry it blindly. */
class CommitFailed extends Error {
  constructor(cause: unknown) {
    super('COMMIT failed', { cause });
  }
}

const isDatabaseError = (err: unknown): err is pg.DatabaseError =>
  err instanceof Error && typeof (err as { code?: unknown }).code === 'string';

/**
 * PostgreSQL adapter of the EventStore port.
 *
 * `data` and `metadata` are `json`, not `jsonb`: json keeps the exact text the adapter wrote (key
 * order, `\u0000` and lone-surrogate escapes, number spelling), while jsonb rejects `\u0000` — which
 * the contract requires to round-trip — and reorders keys. Nothing here queries inside the payloads;
 * `->>` and expression indexes work on json too should a projection need them.
 *
 * Ordering design (what makes `subscribe` never skip): every append transaction takes
 * `pg_advisory_xact_lock(APPEND_LOCK_CLASS, <schema key>)` BEFORE it reads the stream version or
 * draws positions from the identity sequence, and holds it until COMMIT. Appends to one schema are
 * therefore serialised, so positions are allocated in commit order and PostgreSQL only releases the
 * lock after the commit is visible: once a reader sees position P, every event with a lower position
 * is already visible too (rolled-back appends merely leave gaps). A plain "position > checkpoint"
 * reader is then correct. We chose this over the xid8/pg_snapshot_xmin visibility technique because
 * it is simple and obviously correct; the price is one append transaction at a time per schema.
 * Group commit pays most of it back: appends that arrive while a transaction is in flight share the
 * next one (GroupCommit), each still checked against its own expected version, so a busy process
 * pays one durable commit (fsync) per batch rather than per append. Writers that bypass this
 * adapter must take the same lock, or subscribers may skip their events.
 */
export class PostgresEventStore implements EventStore {
  private readonly events: string;
  private readonly streams: string;
  private readonly channel: string;
  private readonly appendLockKey: number;
  private readonly pollIntervalMs: number;
  private readonly appendBatchSql: string;
  /**
   * Concurrent appends of this instance share transactions (one durable commit per batch). Each
   * queued item is a unit: one append, or appendAll's several (all or none).
   */
  private readonly groupCommit = new GroupCommit<readonly StreamAppend[], AppendResult[]>(
    (batch) => this.commitBatch(batch),
    MAX_EVENTS_PER_BATCH,
  );

  private closed = false;
  private closing: Promise<void> | undefined;
  /** Wakes every waiting subscription (notification, close, listener reconnect). */
  private readonly wakers = new Set<() => void>();
  private listener: pg.Client | undefined;
  private listenerStarting: Promise<void> | undefined;
  private listenerRetryAt = 0;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    private readonly schema: string,
    pollIntervalMs: number,
  ) {
    this.events = `${quoteIdent(schema)}.events`;
    this.streams = `${quoteIdent(schema)}.streams`;
    // Channel names are identifiers (max 63 bytes): derive a short one from the schema.
    this.channel = `credence_events_${createHash('sha256').update(schema).digest('hex').slice(0, 16)}`;
    this.appendLockKey = lockKey(schema);
    this.pollIntervalMs = pollIntervalMs;
    this.appendBatchSql = appendBatchSql(this.events, this.streams);
  }

  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      application_name: applicationName('event-store', schema),
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    const store = new PostgresEventStore(pool, options.connectionString, schema, options.pollIntervalMs ?? 1000);
    try {
      await store.migrate(schema);
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return store;
  }

  /** Idempotent; serialised by an advisory lock because concurrent CREATE ... IF NOT EXISTS can race. */
  private async migrate(schema: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATE_LOCK_CLASS, lockKey(schema)]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.events} (
          position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id             uuid        NOT NULL UNIQUE,
          stream_id      text        NOT NULL,
          stream_version integer     NOT NULL CHECK (stream_version > 0),
          type           text        NOT NULL,
          data           json        NOT NULL,
          metadata       json        NOT NULL,
          recorded_at    timestamptz NOT NULL DEFAULT now(),
          UNIQUE (stream_id, stream_version)
        )`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.streams} (
          stream_id text    PRIMARY KEY,
          version   integer NOT NULL CHECK (version >= 0)
        )`);
    });
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0 || (typeof expected === 'number' && !isVersion(expected))) {
      return this.checkOnly(streamId, expected);
    }
    const [result] = await this.groupCommit.submit([streamId], events.length, [{ streamId, events, expected }]);
    return result!;
  }

  /** A unit of the group commit: it shares a durable commit with the appends beside it, all or none of its own. */
  async appendAll(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    const impossible = appends.find(({ expected }) => typeof expected === 'number' && !isVersion(expected));
    if (impossible) {
      const actual = await this.streamVersion(impossible.streamId);
      throw new ConcurrencyConflict(impossible.streamId, impossible.expected, actual);
    }
    const written = appends.filter((append) => append.events.length > 0);
    if (written.length === 0) return Promise.all(appends.map((a) => this.checkOnly(a.streamId, a.expected)));
    if (written.length < appends.length) throw new RangeError('appendAll takes no empty appends beside others');
    const streams = [...new Set(appends.map((append) => append.streamId))];
    const events = appends.reduce((sum, append) => sum + append.events.length, 0);
    return this.groupCommit.submit(streams, events, appends);
  }

  /**
   * Settles a batch of units (see GroupCommit) in one transaction. If a statement fails (say one
   * append reuses an event id), nothing of the batch was written and each unit is retried alone,
   * so only the faulty one fails. A failed COMMIT fails them all: its outcome may be unknown, and
   * a blind retry could append twice.
   */
  private async commitBatch(batch: QueuedAppend<readonly StreamAppend[], AppendResult[]>[]): Promise<void> {
    const units = batch.map((queued) => queued.command);
    let settled: Settled[];
    try {
      settled = await this.inAppendTransaction((client) => this.writeUnits(client, units));
    } catch (err) {
      if (err instanceof CommitFailed) batch.forEach((queued) => queued.reject((err as Error).cause));
      else if (batch.length === 1) batch[0]!.reject(await this.appendError(err, units[0]![0]!));
      else for (const queued of batch) await this.commitBatch([queued]);
      return;
    }
    batch.forEach((queued, i) => {
      const outcome = settled[i]!;
      if ('results' in outcome) queued.resolve(outcome.results);
      else queued.reject(outcome.refused);
    });
  }

  /**
   * Single appends go in one statement, each accepted or refused alone. A unit of several goes in
   * runs (see appendAll) and, when it shares the transaction, inside a savepoint: refused, it is
   * rolled back alone. Any other failure throws, and the transaction with it.
   */
  private async writeUnits(client: pg.PoolClient, units: readonly (readonly StreamAppend[])[]): Promise<Settled[]> {
    const settled: Settled[] = [];
    const singles = units.flatMap((unit, i) => (unit.length === 1 ? [i] : []));
    if (singles.length > 0) {
      const outcomes = await this.appendStatement(
        client,
        singles.map((i) => units[i]![0]!),
      );
      singles.forEach((i, k) => (settled[i] = settledAppend(units[i]![0]!, outcomes[k]!)));
    }
    const shared = units.length > 1;
    for (const [i, unit] of units.entries()) {
      if (unit.length === 1) continue;
      if (shared) await client.query('SAVEPOINT unit');
      try {
        settled[i] = { results: await this.writeUnit(client, unit) };
        if (shared) await client.query('RELEASE SAVEPOINT unit');
      } catch (err) {
        if (!(shared && err instanceof ConcurrencyConflict)) throw err;
        await client.query('ROLLBACK TO SAVEPOINT unit');
        settled[i] = { refused: err };
      }
    }
    return settled;
  }

  /** The unit's appends in runs where no stream repeats (so its events keep their order); refused as a whole. */
  private async writeUnit(client: pg.PoolClient, unit: readonly StreamAppend[]): Promise<AppendResult[]> {
    const results: AppendResult[] = [];
    for (const run of runsOfDistinctStreams(unit)) {
      const outcomes = await this.appendStatement(client, run);
      for (const [i, outcome] of outcomes.entries()) {
        const settled = settledAppend(run[i]!, outcome);
        if ('refused' in settled) throw settled.refused;
        results.push(...settled.results);
      }
    }
    return results;
  }

  private async appendStatement(client: pg.PoolClient, commands: readonly BatchedAppend[]): Promise<BatchedOutcome[]> {
    const result = await client.query<BatchRow>({
      name: APPEND_STATEMENT,
      text: this.appendBatchSql,
      values: appendBatchParameters(commands, this.channel),
    });
    return batchOutcomes(result.rows);
  }

  /** Runs `work` after BEGIN and the append lock; rolls back if it throws, else COMMITs (CommitFailed if that fails). */
  private async inAppendTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let result: T;
    try {
      // Both keys are integers this class computed, so inlining them is safe.
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK_CLASS}, ${this.appendLockKey})`);
      result = await work(client);
    } catch (err) {
      const rollbackFailure = await client.query('ROLLBACK').then(() => undefined, toError);
      client.release(rollbackFailure);
      throw err;
    }
    try {
      await client.query('COMMIT');
    } catch (err) {
      client.release(toError(err));
      throw new CommitFailed(err);
    }
    client.release();
    return result;
  }

  /** An empty append only checks the version; an expected version no stream can have only fails it. */
  private async checkOnly(streamId: string, expected: ExpectedVersion): Promise<AppendResult> {
    return inTransaction(this.pool, async (client) => {
      // Serialises with appends (see the class comment), so the version read is the current one.
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [APPEND_LOCK_CLASS, this.appendLockKey]);
      const current = await client.query<{ version: number }>(
        `SELECT version FROM ${this.streams} WHERE stream_id = $1`,
        [streamId],
      );
      const actual = current.rows[0]?.version ?? 0;
      if (expected !== 'any' && (expected === 'no-stream' ? actual !== 0 : actual !== expected)) {
        throw new ConcurrencyConflict(streamId, expected, actual);
      }
      // Nothing to write: report where the stream stands (position of its last event, 0 if none).
      const last = await client.query<{ position: string }>(
        `SELECT position FROM ${this.events} WHERE stream_id = $1 AND stream_version = $2`,
        [streamId, actual],
      );
      return { nextExpectedVersion: actual, lastPosition: Number(last.rows[0]?.position ?? 0) };
    });
  }

  /** What a failed append tells its caller: a lost race for a stream version is a ConcurrencyConflict. */
  private async appendError(err: unknown, { streamId, expected }: BatchedAppend): Promise<unknown> {
    // Only reachable without the lock (e.g. a foreign writer): a duplicate stream version is a conflict.
    if (isDatabaseError(err) && err.code === '23505' && STREAM_VERSION_CONSTRAINTS.has(err.constraint ?? '')) {
      return new ConcurrencyConflict(streamId, expected, await this.streamVersion(streamId));
    }
    if (isDatabaseError(err) && err.code === '23505' && err.constraint === 'events_id_key') {
      return new Error(`append to ${streamId} rejected: ${err.detail ?? 'duplicate event id'}`, { cause: err });
    }
    return err;
  }

  async read(streamId: string): Promise<RecordedEvent[]> {
    this.assertOpen();
    const result = await this.pool.query<EventRow>(
      `SELECT position, id, stream_id, stream_version, type, data, metadata, recorded_at
         FROM ${this.events} WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    );
    return result.rows.map(toRecorded);
  }

  /** Events with position > `after` up to the head as it was when the iteration started. */
  async *readAll(after: number, filter?: EventFilter, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<RecordedEvent> {
    if (!Number.isInteger(pageSize) || pageSize < 1)
      throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
    const head = await this.headPosition();
    let position = after;
    while (position < head) {
      this.assertOpen();
      const page = await this.page(position, filter, pageSize, head);
      for (const event of page) yield event;
      if (page.length < pageSize) return;
      position = page[page.length - 1]!.position;
    }
  }

  subscribe(after: number, options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    return this.follow(after, options);
  }

  private async *follow(after: number, { filter, signal }: SubscribeOptions): AsyncGenerator<RecordedEvent> {
    // `dirty` is raised by every wake-up; it is lowered before each query so that a notification
    // arriving while we query is never lost (we query again instead of sleeping).
    let dirty = true;
    let wake: (() => void) | undefined;
    const waker = (): void => {
      dirty = true;
      wake?.();
    };
    this.wakers.add(waker);
    const onAbort = (): void => waker();
    signal?.addEventListener('abort', onAbort, { once: true });
    const ended = (): boolean => this.closed || signal?.aborted === true;
    try {
      let position = after;
      while (!ended()) {
        await this.ensureListener();
        dirty = false;
        let page: RecordedEvent[];
        try {
          page = await this.page(position, filter, DEFAULT_PAGE_SIZE);
        } catch (err) {
          if (ended()) return; // the pool was closed under us
          throw err;
        }
        for (const event of page) {
          if (ended()) return;
          yield event;
          position = event.position;
        }
        if (page.length === DEFAULT_PAGE_SIZE || dirty || ended()) continue;
        // Sleep until a notification, the poll interval, an abort or close().
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => resolve(), this.pollIntervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
          if (dirty || ended()) wake();
        });
        wake = undefined;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.wakers.delete(waker);
    }
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    const result = await this.pool.query<{ head: string }>(
      `SELECT coalesce(max(position), 0) AS head FROM ${this.events}`,
    );
    return Number(result.rows[0]?.head ?? 0);
  }

  /** Ends every subscription (they return cleanly), closes the LISTEN connection and the pool. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      for (const wake of [...this.wakers]) wake();
      await this.listenerStarting?.catch(() => undefined);
      const listener = this.listener;
      this.listener = undefined;
      await listener?.end().catch(() => undefined);
      await this.pool.end();
    })();
    return this.closing;
  }

  /** Up to `limit` matching events with after < position (<= upTo when given), in position order. */
  private async page(
    after: number,
    filter: EventFilter | undefined,
    limit: number,
    upTo?: number,
  ): Promise<RecordedEvent[]> {
    const where = ['position > $1'];
    const params: unknown[] = [after];
    if (upTo !== undefined) {
      params.push(upTo);
      where.push(`position <= $${params.length}`);
    }
    if (filter?.streamPrefixes?.length) {
      params.push(filter.streamPrefixes.map(likePrefix));
      where.push(`stream_id LIKE ANY($${params.length}::text[])`);
    }
    if (filter?.eventTypes?.length) {
      params.push([...filter.eventTypes]);
      where.push(`type = ANY($${params.length}::text[])`);
    }
    params.push(limit);
    const result = await this.pool.query<EventRow>(
      `SELECT position, id, stream_id, stream_version, type, data, metadata, recorded_at
         FROM ${this.events} WHERE ${where.join(' AND ')} ORDER BY position LIMIT $${params.length}`,
      params,
    );
    return result.rows.map(toRecorded);
  }

  /** The stream's real version, from the events themselves (the streams row may lag a foreign writer). */
  private async streamVersion(streamId: string): Promise<number> {
    const result = await this.pool.query<{ version: number }>(
      `SELECT coalesce(max(stream_version), 0) AS version FROM ${this.events} WHERE stream_id = $1`,
      [streamId],
    );
    return result.rows[0]?.version ?? 0;
  }

  /**
   * One dedicated connection LISTENs for all subscriptions of this store. If it cannot be opened or
   * drops, subscriptions keep working on the poll fallback and we retry at most once per poll interval.
   */
  private async ensureListener(): Promise<void> {
    if (this.listener || this.closed) return;
    if (this.listenerStarting) return this.listenerStarting;
    if (Date.now() < this.listenerRetryAt) return;
    this.listenerStarting = (async () => {
      const client = new pg.Client({
        connectionString: this.connectionString,
        application_name: applicationName('event-store-listener', this.schema),
      });
      const drop = (): void => {
        if (this.listener === client) this.listener = undefined;
        this.listenerRetryAt = Date.now() + this.pollIntervalMs;
        client.end().catch(() => undefined);
      };
      client.on('error', drop);
      client.on('end', () => {
        if (this.listener === client) this.listener = undefined;
      });
      client.on('notification', (msg) => {
        if (msg.channel === this.channel) for (const wake of [...this.wakers]) wake();
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${quoteIdent(this.channel)}`);
      } catch {
        drop();
        return;
      }
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
      // Anything appended while we were not listening is picked up by the query that follows.
      for (const wake of [...this.wakers]) wake();
    })().finally(() => {
      this.listenerStarting = undefined;
    });
    return this.listenerStarting;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresEventStore is closed');
  }
}
