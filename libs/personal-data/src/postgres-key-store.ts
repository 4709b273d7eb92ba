import pg from 'pg';
import { alreadyCreated, inTransaction, lockKey, quoteIdent } from '#postgres';
import {
  DATA_KEY_BYTES,
  type KeyStoreInspection,
  DIRECTORY_PAGE,
  type DirectoryEntry,
  type LearnerKey,
  type PersonalDataKeyStore,
  type ShredResult,
} from './key-store.port.js';

export interface PostgresKeyStoreOptions {
  connectionString: string;
  /** Schema holding the `personal_data_keys` table; created if missing. Default `public`. */
  schema?: string;
  /** Maximum connections of the pool. Default 4: a key lookup is one short indexed query. */
  poolSize?: number;
}

interface KeyRow {
  data_key: Buffer | null;
  shredded_at: Date | null;
}

/** Advisory-lock namespace of the table creation (the event store and read models use their own). */
const MIGRATE_LOCK_CLASS = 0x43_52_50_44; // "CRPD"

const toKey = (row: KeyRow | undefined): LearnerKey =>
  !row
    ? { state: 'none' }
    : row.data_key
      ? { state: 'active', key: row.data_key }
      : { state: 'shredded', shreddedAt: row.shredded_at!.toISOString() };

/**
 * PostgreSQL key store: one table beside the event store's, on its own small pool. A destroyed key
 * is overwritten with NULL; PostgreSQL keeps the old row version until VACUUM reclaims it (and in
 * WAL archives and backups for their retention), so those retention periods bound how long an
 * erased learner's key can still be recovered by someone with database-level access.
 */
export class PostgresPersonalDataKeyStore implements PersonalDataKeyStore {
  private readonly table: string;
  readonly location: string;
  private readonly directory: string;
  private readonly claims: string;
  private readonly facts: string;

  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
  ) {
    this.table = `${quoteIdent(schema)}.personal_data_keys`;
    this.location = `${schema}.personal_data_keys`;
    this.directory = `${quoteIdent(schema)}.personal_data_directory`;
    this.claims = `${quoteIdent(schema)}.personal_data_email_claims`;
    this.facts = `${quoteIdent(schema)}.personal_data_facts`;
  }

  static async connect(options: PostgresKeyStoreOptions): Promise<PostgresPersonalDataKeyStore> {
    const schema = options.schema ?? 'public';
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 4,
      application_name: Buffer.from(`personal-data ${schema}`).subarray(0, 63).toString(),
    });
    pool.on('error', () => undefined);
    const store = new PostgresPersonalDataKeyStore(pool, schema);
    try {
      await store.migrate();
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATE_LOCK_CLASS, lockKey(this.schema)]);
      if (await alreadyCreated(client, this.facts)) return;
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          learner_id  text PRIMARY KEY,
          data_key    bytea,
          created_at  timestamptz NOT NULL,
          shredded_at timestamptz,
          CHECK ((data_key IS NULL) = (shredded_at IS NOT NULL))
        )`);
      // Substring search over name, email and id: a trigram GIN index (pg_trgm) serves ILIKE '%word%'.
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.directory} (
          learner_id  text PRIMARY KEY,
          given_name  text NOT NULL,
          family_name text NOT NULL,
          email       text NOT NULL,
          haystack    text NOT NULL,
          entered_at  timestamptz NOT NULL
        )`);
      await client.query(
        `CREATE INDEX IF NOT EXISTS personal_data_directory_by_name ON ${this.directory} (family_name, given_name, learner_id)`,
      );
      await client.query(`CREATE INDEX IF NOT EXISTS personal_data_directory_by_email ON ${this.directory} (email)`);
      await client.query(
        `CREATE INDEX IF NOT EXISTS personal_data_directory_search ON ${this.directory} USING gin (haystack gin_trgm_ops)`,
      );
      // The first learner registered with each (lower-cased) email: its primary key settles racing registrations.
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.claims} (email text PRIMARY KEY, learner_id text NOT NULL)`,
      );
      await client.query(
        `CREATE INDEX IF NOT EXISTS personal_data_email_claims_by_learner ON ${this.claims} (learner_id)`,
      );
      // Facts about the store itself, e.g. when the directory was filled from the log.
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.facts} (name text PRIMARY KEY, value text NOT NULL)`);
    });
  }

  async inspect(): Promise<KeyStoreInspection> {
    const count = await this.pool.query<{ learners: string }>(`SELECT count(*) AS learners FROM ${this.table}`);
    const malformed = await this.pool.query<{ learner_id: string }>(
      `SELECT learner_id FROM ${this.table} WHERE data_key IS NOT NULL AND length(data_key) <> $1 LIMIT 10`,
      [DATA_KEY_BYTES],
    );
    return { learners: Number(count.rows[0]!.learners), malformed: malformed.rows.map((row) => row.learner_id) };
  }

  async find(learnerId: string): Promise<LearnerKey> {
    const result = await this.pool.query<KeyRow>(
      `SELECT data_key, shredded_at FROM ${this.table} WHERE learner_id = $1`,
      [learnerId],
    );
    return toKey(result.rows[0]);
  }

  async findMany(learnerIds: readonly string[]): Promise<Map<string, LearnerKey>> {
    const found = new Map<string, LearnerKey>(learnerIds.map((id) => [id, { state: 'none' }]));
    if (learnerIds.length === 0) return found;
    const result = await this.pool.query<KeyRow & { learner_id: string }>(
      `SELECT learner_id, data_key, shredded_at FROM ${this.table} WHERE learner_id = ANY($1::text[])`,
      [[...new Set(learnerIds)]],
    );
    for (const row of result.rows) found.set(row.learner_id, toKey(row));
    return found;
  }

  async create(learnerId: string, key: Buffer, at: Date): Promise<LearnerKey> {
    await this.pool.query(
      `INSERT INTO ${this.table} (learner_id, data_key, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [learnerId, key, at],
    );
    return this.find(learnerId);
  }

  async shred(learnerId: string, at: Date): Promise<ShredResult> {
    // One statement: the CTE sees the row as it was before the upsert, and leaves the directory too.
    const result = await this.pool.query<{ shredded_at: Date; already: boolean }>(
      `WITH before AS (SELECT shredded_at FROM ${this.table} WHERE learner_id = $1),
       unlisted AS (DELETE FROM ${this.directory} WHERE learner_id = $1),
       unclaimed AS (DELETE FROM ${this.claims} WHERE learner_id = $1)
       INSERT INTO ${this.table} AS k (learner_id, data_key, created_at, shredded_at) VALUES ($1, NULL, $2, $2)
       ON CONFLICT (learner_id) DO UPDATE SET data_key = NULL, shredded_at = COALESCE(k.shredded_at, excluded.shredded_at)
       RETURNING k.shredded_at, EXISTS (SELECT 1 FROM before WHERE shredded_at IS NOT NULL) AS already`,
      [learnerId, at],
    );
    const row = result.rows[0]!;
    return { shreddedAt: row.shredded_at.toISOString(), alreadyShredded: row.already };
  }

  async enter(entries: readonly DirectoryEntry[], at: Date): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      for (const entry of entries) await this.list(client, entry, at);
    });
  }

  /**
   * A racing claim of the same email waits on the primary key until the first commits (then finds
   * it held) or rolls back (then claims it).
   */
  async claim(entry: DirectoryEntry, at: Date, shared: boolean): Promise<string[]> {
    return inTransaction(this.pool, async (client) => {
      const claimed = await client.query(
        `INSERT INTO ${this.claims} (email, learner_id) VALUES (lower($1), $2) ON CONFLICT (email) DO NOTHING`,
        [entry.email, entry.learnerId],
      );
      const claimant = await client.query<{ learner_id: string }>(
        `SELECT learner_id FROM ${this.claims} WHERE email = lower($1)`,
        [entry.email],
      );
      const listed = await client.query<{ learner_id: string }>(
        `SELECT learner_id FROM ${this.directory} WHERE email = lower($1) ORDER BY entered_at, learner_id`,
        [entry.email],
      );
      const holder = claimant.rows[0]!.learner_id;
      const others = [...new Set([holder, ...listed.rows.map((row) => row.learner_id)])].filter(
        (id) => id !== entry.learnerId,
      );
      const retried = holder === entry.learnerId && claimed.rowCount === 0;
      if (!shared && !retried && others.length > 0) {
        if (claimed.rowCount === 1)
          await client.query(`DELETE FROM ${this.claims} WHERE email = lower($1)`, [entry.email]);
        return others;
      }
      await this.list(client, entry, at);
      return [];
    });
  }

  async unlist(learnerId: string): Promise<void> {
    await this.pool.query(
      `WITH unclaimed AS (DELETE FROM ${this.claims} WHERE learner_id = $1)
       DELETE FROM ${this.directory} WHERE learner_id = $1`,
      [learnerId],
    );
  }

  async directoryFilledAt(): Promise<string | null> {
    const result = await this.pool.query<{ value: string }>(
      `SELECT value FROM ${this.facts} WHERE name = 'directory-filled-at'`,
    );
    return result.rows[0]?.value ?? null;
  }

  async markDirectoryFilled(at: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.facts} (name, value) VALUES ('directory-filled-at', $1) ON CONFLICT DO NOTHING`,
      [at.toISOString()],
    );
  }

  private async list(client: pg.PoolClient, entry: DirectoryEntry, at: Date): Promise<void> {
    const haystack = `${entry.givenName} ${entry.familyName} ${entry.email} ${entry.learnerId}`.toLowerCase();
    await client.query(
      `INSERT INTO ${this.directory} (learner_id, given_name, family_name, email, haystack, entered_at)
       SELECT $1, $2, $3, lower($4), $5, $6
       WHERE NOT EXISTS (SELECT 1 FROM ${this.table} WHERE learner_id = $1 AND shredded_at IS NOT NULL)
       ON CONFLICT (learner_id) DO UPDATE SET given_name = excluded.given_name, family_name = excluded.family_name,
         email = excluded.email, haystack = excluded.haystack`,
      [entry.learnerId, entry.givenName, entry.familyName, entry.email, haystack, at],
    );
  }

  async withEmail(email: string): Promise<string[]> {
    const result = await this.pool.query<{ learner_id: string }>(
      `SELECT learner_id FROM ${this.directory} WHERE email = lower($1) ORDER BY entered_at, learner_id`,
      [email],
    );
    return result.rows.map((row) => row.learner_id);
  }

  async search(words: readonly string[]): Promise<string[]> {
    const patterns = words.filter(Boolean).map((word) => `%${word.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
    const result = await this.pool.query<{ learner_id: string }>(
      `SELECT learner_id FROM ${this.directory} WHERE haystack LIKE ALL($1::text[])
       ORDER BY family_name, given_name, learner_id LIMIT $2`,
      [patterns, DIRECTORY_PAGE],
    );
    return result.rows.map((row) => row.learner_id);
  }

  private closing: Promise<void> | undefined;

  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }
}
