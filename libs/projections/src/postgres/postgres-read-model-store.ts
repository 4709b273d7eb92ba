import pg from 'pg';
import { alreadyCreated, channelOf, inTransaction, listenTo, lockKey, quoteIdent } from '#postgres';
import type { DocumentReader, DocumentWrite, ReadModelStore } from '../read-model-store.port.js';
import { postgresDocumentReader, type RunStatement } from './postgres-document-reader.js';

export interface PostgresReadModelStoreOptions {
  connectionString: string;
  /** Schema holding the `documents` and `checkpoints` tables; created if missing. Default `public`. */
  schema?: string;
  /** Maximum connections of the pool. Default 10. */
  poolSize?: number;
  /**
   * Use named (server-side prepared) statements. Default true: commits are ~1.5x faster. Turn it off
   * behind a pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
   */
  preparedStatements?: boolean;
}

/** Advisory-lock namespace of the schema creation (first key of the two-int form; the event store uses 0x43524545). */
const MIGRATE_LOCK_CLASS = 0x43_52_4d_53; // "CRMS"

/** Shows in pg_stat_activity which store (and schema) a connection belongs to; at most 63 bytes. */
const applicationName = (role: string, schema: string): string =>
  Buffer.from(`${role} ${schema}`).subarray(0, 63).toString();

/** Serialises one document, refusing values JSON cannot represent (undefined, functions, symbols). */
const serialise = (write: DocumentWrite): string => {
  const text = JSON.stringify(write.doc) as string | undefined;
  if (text === undefined) throw new TypeError(`document ${write.collection}/${write.id} has no JSON representation`);
  return text;
};

/** Last write per document wins (PostgreSQL refuses to upsert a row twice in one statement). */
const lastWritePerDocument = (writes: readonly DocumentWrite[]): DocumentWrite[] => {
  const latest = new Map<string, DocumentWrite>();
  for (const w of writes) {
    const key = `${w.collection}\u0000${w.id}`;
    latest.delete(key);
    latest.set(key, w);
  }
  return [...latest.values()];
};

/** Above this many documents a commit is split into statements of this size (in one transaction). */
const DOCUMENTS_PER_STATEMENT = 1000;

/** The six per-document arrays of an upsert (serialised here: a bad document fails before its statement). */
const upsertParameters = (rows: readonly DocumentWrite[]): unknown[] => [
  rows.map((w) => w.collection),
  rows.map((w) => w.id),
  rows.map((w) => w.index.ref ?? null),
  rows.map((w) => w.index.status ?? null),
  rows.map((w) => w.index.due ?? null),
  rows.map(serialise),
];

/**
 * PostgreSQL adapter of the ReadModelStore port.
 *
 * - `doc` is `json`, not `jsonb`, for the same reasons as the event store's payloads: json keeps the
 *   exact text written (jsonb rejects a `\u0000` escape, which would poison a projection fed a
 *   user-supplied string containing NUL) and nothing queries inside documents — the queries use the
 *   three index columns. pg parses json on the way out, like the SQLite store's JSON.parse.
 * - `id`, `ref`, `status` and `due` are `COLLATE "C"`: ordering (`findByRef` by id, `findDue` by due)
 *   and the `due < before` comparison are then bytewise, exactly like SQLite's BINARY collation, and
 *   independent of the database's locale. ISO-8601 timestamps compare correctly bytewise.
 * - `commit` is ONE statement (a data-modifying CTE upserting every document via unnest, plus the
 *   checkpoint upsert), hence one implicit transaction and one round trip: documents and checkpoint
 *   are written together or not at all. Beyond 1,000 documents (a rebuild's batches) it becomes one
 *   statement per 1,000 in one explicit transaction, with the same all-or-nothing outcome. Several writes to the same document in one batch collapse to
 *   the last one (PostgreSQL refuses to upsert a row twice in one statement; SQLite's loop would keep
 *   the last). The checkpoint is simply overwritten — it may move backwards, e.g. after a rebuild.
 * - The hot statements are named (prepared once per connection): measured on a 2-core dev box with
 *   durable commits, ~1,900 commits/s in batches of 1 and ~48,000 docs/s in batches of 500, against
 *   ~1,200 and ~33,000 unprepared. Batch size matters far more than anything else here.
 */
interface Commit {
  checkpoint: string;
  position: number;
  writes: readonly DocumentWrite[];
}

export class PostgresReadModelStore implements ReadModelStore {
  private readonly documents: string;
  /** Commits held back while commitTogether runs. */
  private gathering: { checkpoints: ReadonlySet<string>; commits: Commit[] } | undefined;
  private readonly checkpoints: string;
  /** Every checkpoint commit notifies it (watchCommits). */
  private readonly channel: string;
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly run: RunStatement;
  private readonly reads: DocumentReader;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    readonly schema: string,
    private readonly preparedStatements: boolean,
  ) {
    this.documents = `${quoteIdent(schema)}.documents`;
    this.checkpoints = `${quoteIdent(schema)}.checkpoints`;
    this.channel = channelOf('credence_checkpoints', schema);
    this.run = this.runOn(pool);
    this.reads = this.readerOn(pool);
  }

  load(collection: string, ids: readonly string[]): Promise<Map<string, unknown>> {
    return this.reads.load(collection, ids);
  }

  checkpoint(name: string): Promise<number> {
    return this.reads.checkpoint(name);
  }

  get<T>(collection: string, id: string): Promise<T | undefined> {
    return this.reads.get<T>(collection, id);
  }

  findByRef<T>(collection: string, ref: string): Promise<T[]> {
    return this.reads.findByRef<T>(collection, ref);
  }

  findDue<T>(collection: string, status: string, before: string, limit: number): Promise<T[]> {
    return this.reads.findDue<T>(collection, status, before, limit);
  }

  /** One REPEATABLE READ, READ ONLY transaction: every read sees the data as of its first statement. */
  snapshot<T>(read: (reader: DocumentReader) => Promise<T>): Promise<T> {
    this.assertOpen();
    const begin = 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY';
    return inTransaction(this.pool, (client) => read(this.readerOn(client)), begin);
  }

  static async connect(options: PostgresReadModelStoreOptions): Promise<PostgresReadModelStore> {
    const schema = options.schema ?? 'public';
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      application_name: applicationName('read-models', schema),
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    const store = new PostgresReadModelStore(
      pool,
      options.connectionString,
      schema,
      options.preparedStatements ?? true,
    );
    try {
      await store.migrate();
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return store;
  }

  /** Idempotent; serialised by an advisory lock because concurrent CREATE ... IF NOT EXISTS can race. */
  private async migrate(): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATE_LOCK_CLASS, lockKey(this.schema)]);
      if (await alreadyCreated(client, this.checkpoints)) return;
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
      await client.query(`
      CREATE TABLE IF NOT EXISTS ${this.documents} (
        collection text COLLATE "C" NOT NULL,
        id         text COLLATE "C" NOT NULL,
        ref        text COLLATE "C",
        status     text COLLATE "C",
        due        text COLLATE "C",
        doc        json NOT NULL,
        PRIMARY KEY (collection, id)
      )`);
      await client.query(`CREATE INDEX IF NOT EXISTS documents_by_ref ON ${this.documents} (collection, ref)`);
      await client.query(`CREATE INDEX IF NOT EXISTS documents_by_due ON ${this.documents} (collection, status, due)`);
      await client.query(`
      CREATE TABLE IF NOT EXISTS ${this.checkpoints} (
        name     text   PRIMARY KEY,
        position bigint NOT NULL
      )`);
    });
  }

  async commit(checkpoint: string, position: number, writes: readonly DocumentWrite[]): Promise<void> {
    this.assertOpen();
    if (!Number.isSafeInteger(position) || position < 0) {
      throw new RangeError(`checkpoint position must be a non-negative safe integer, got ${position}`);
    }
    if (this.gathering?.checkpoints.has(checkpoint)) {
      this.gathering.commits.push({ checkpoint, position, writes });
      return;
    }
    const rows = lastWritePerDocument(writes);
    if (rows.length <= DOCUMENTS_PER_STATEMENT) {
      // Everything is serialised before anything is sent; one statement is one implicit transaction.
      await this.run(
        'commit',
        `WITH input AS (
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
             AS w(collection, id, ref, status, due, doc)
         ), upserted AS (
           INSERT INTO ${this.documents} (collection, id, ref, status, due, doc)
           SELECT collection, id, ref, status, due, doc::json FROM input
           ON CONFLICT (collection, id) DO UPDATE
             SET ref = excluded.ref, status = excluded.status, due = excluded.due, doc = excluded.doc
         ), notified AS (
           SELECT pg_notify($9, '')
         )
         INSERT INTO ${this.checkpoints} (name, position) SELECT $7, $8 FROM notified
         ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
        [...upsertParameters(rows), checkpoint, position, this.channel],
      );
      return;
    }
    await inTransaction(this.pool, (client) =>
      this.writeCommit(this.runOn(client), { checkpoint, position, writes: rows }),
    );
  }

  /** As the SQLite store: the commits made meanwhile for the named checkpoints go in one transaction at the end. */
  async commitTogether(checkpoints: ReadonlySet<string>, work: () => Promise<void>): Promise<void> {
    if (this.gathering) return work(); // nested: the outer call writes
    const gathering = { checkpoints, commits: [] as Commit[] };
    this.gathering = gathering;
    try {
      await work();
    } finally {
      this.gathering = undefined;
      // What was gathered is consistent (each commit is writes plus its checkpoint) even if work threw.
      if (gathering.commits.length > 0)
        await inTransaction(this.pool, async (client) => {
          const run = this.runOn(client);
          for (const commit of gathering.commits) await this.writeCommit(run, commit);
        });
    }
  }

  /**
   * One commit as statements of at most 1,000 documents plus the checkpoint, inside a transaction
   * the caller holds: no parameter of a rebuild's batch grows to megabytes, which cost more in
   * client-side garbage collection than the extra round trips.
   */
  private async writeCommit(run: RunStatement, { checkpoint, position, writes }: Commit): Promise<void> {
    const rows = lastWritePerDocument(writes);
    for (let i = 0; i < rows.length; i += DOCUMENTS_PER_STATEMENT) {
      await run(
        'upsert',
        `INSERT INTO ${this.documents} (collection, id, ref, status, due, doc)
         SELECT collection, id, ref, status, due, doc::json
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
             AS w(collection, id, ref, status, due, doc)
         ON CONFLICT (collection, id) DO UPDATE
           SET ref = excluded.ref, status = excluded.status, due = excluded.due, doc = excluded.doc`,
        upsertParameters(rows.slice(i, i + DOCUMENTS_PER_STATEMENT)),
      );
    }
    await run(
      'save-checkpoint',
      `WITH notified AS (SELECT pg_notify($3, ''))
       INSERT INTO ${this.checkpoints} (name, position) SELECT $1, $2 FROM notified
       ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
      [checkpoint, position, this.channel],
    );
  }

  async deleteDue(collection: string, status: string, before: string): Promise<number> {
    this.assertOpen();
    const result = await this.run(
      'delete-due',
      `DELETE FROM ${this.documents} WHERE collection = $1 AND status = $2 AND due < $3`,
      [collection, status, before],
    );
    return result.rowCount ?? 0;
  }

  async reset(checkpoint: string, collections: readonly string[]): Promise<void> {
    this.assertOpen();
    // One statement, so one transaction: never a checkpoint without its documents or vice versa.
    await this.pool.query(
      `WITH forgotten AS (DELETE FROM ${this.documents} WHERE collection = ANY($2::text[]))
       DELETE FROM ${this.checkpoints} WHERE name = $1`,
      [checkpoint, [...collections]],
    );
  }

  /**
   * Drops the secondary indexes of the documents table for the duration of `work` and builds them
   * again afterwards (also when it throws): a rebuild then writes each index once, in bulk, rather
   * than at random places per upsert. Should the process die meanwhile, connect() recreates them.
   */
  async bulkLoad<T>(work: () => Promise<T>): Promise<T> {
    this.assertOpen();
    const { rows: indexes } = await this.pool.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = $1 AND i.tablename = 'documents'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = $1::regnamespace)`,
      [this.schema],
    );
    for (const { indexname } of indexes)
      await this.pool.query(`DROP INDEX IF EXISTS ${quoteIdent(this.schema)}.${quoteIdent(indexname)}`);
    try {
      return await work();
    } finally {
      if (!this.closed)
        for (const { indexdef } of indexes)
          await this.pool.query(indexdef.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
    }
  }

  /** A LISTEN connection of its own per watcher, reopened when it drops. */
  watchCommits(onCommit: () => void): () => Promise<void> {
    this.assertOpen();
    const listening = listenTo(this.connectionString, this.channel, onCommit, {
      applicationName: applicationName('read-models-listener', this.schema),
    });
    return () => listening.stop();
  }

  /** Closes the pool (waiting for queries in flight). Idempotent; later calls of other methods throw. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      await this.pool.end();
    })();
    return this.closing;
  }

  /**
   * Statement names are per connection and every connection of the pool belongs to this store (one
   * schema), so a fixed name always stands for the same text.
   */
  private runOn(on: pg.Pool | pg.PoolClient): RunStatement {
    return (name, text, values) =>
      this.preparedStatements ? on.query({ name: `read-models-${name}`, text, values }) : on.query(text, values);
  }

  private readerOn(on: pg.Pool | pg.PoolClient): DocumentReader {
    const tables = { documents: this.documents, checkpoints: this.checkpoints };
    return postgresDocumentReader(tables, this.runOn(on), () => this.assertOpen());
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresReadModelStore is closed');
  }
}
