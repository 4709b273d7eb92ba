import Database from 'better-sqlite3';
import {
  DATA_KEY_BYTES,
  type KeyStoreInspection,
  type LearnerKey,
  type PersonalDataKeyStore,
  type ShredResult,
} from './key-store.port.js';

interface KeyRow {
  data_key: Buffer | null;
  shredded_at: string | null;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS learner_keys (
    learner_id  TEXT PRIMARY KEY,
    data_key    BLOB,
    created_at  TEXT NOT NULL,
    shredded_at TEXT,
    CHECK ((data_key IS NULL) = (shredded_at IS NOT NULL))
  ) WITHOUT ROWID;
`;

const toKey = (row: KeyRow | undefined): LearnerKey =>
  !row
    ? { state: 'none' }
    : row.data_key
      ? { state: 'active', key: row.data_key }
      : { state: 'shredded', shreddedAt: row.shredded_at! };

/**
 * The embedded key store: its own SQLite file beside the event log (backed up and retained
 * separately from it). `secure_delete` zeroes a destroyed key's bytes in the file, and the WAL is
 * truncated after each shred so no old page holding the key stays behind in it.
 */
export class SqlitePersonalDataKeyStore implements PersonalDataKeyStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(readonly location: string) {
    this.db = new Database(location);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.statements = {
      find: this.db.prepare<[string], KeyRow>('SELECT data_key, shredded_at FROM learner_keys WHERE learner_id = ?'),
      create: this.db.prepare(
        'INSERT INTO learner_keys (learner_id, data_key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      shred: this.db.prepare(
        `INSERT INTO learner_keys (learner_id, data_key, created_at, shredded_at) VALUES (@id, NULL, @at, @at)
         ON CONFLICT (learner_id) DO UPDATE SET data_key = NULL, shredded_at = COALESCE(shredded_at, excluded.shredded_at)`,
      ),
    };
  }

  async find(learnerId: string): Promise<LearnerKey> {
    return toKey(this.statements.find.get(learnerId));
  }

  async inspect(): Promise<KeyStoreInspection> {
    const { learners } = this.db
      .prepare<[], { learners: number }>('SELECT count(*) AS learners FROM learner_keys')
      .get()!;
    const malformed = this.db
      .prepare<[number], { learner_id: string }>(
        'SELECT learner_id FROM learner_keys WHERE data_key IS NOT NULL AND length(data_key) <> ? LIMIT 10',
      )
      .all(DATA_KEY_BYTES)
      .map((row) => row.learner_id);
    return { learners, malformed };
  }

  async findMany(learnerIds: readonly string[]): Promise<Map<string, LearnerKey>> {
    return new Map(learnerIds.map((id) => [id, toKey(this.statements.find.get(id))]));
  }

  async create(learnerId: string, key: Buffer, at: Date): Promise<LearnerKey> {
    this.statements.create.run(learnerId, key, at.toISOString());
    return this.find(learnerId);
  }

  async shred(learnerId: string, at: Date): Promise<ShredResult> {
    const result = this.db
      .transaction((): ShredResult => {
        const before = toKey(this.statements.find.get(learnerId));
        this.statements.shred.run({ id: learnerId, at: at.toISOString() });
        const after = toKey(this.statements.find.get(learnerId));
        if (after.state !== 'shredded') throw new Error(`the key of learner ${learnerId} was not destroyed`);
        return { shreddedAt: after.shreddedAt, alreadyShredded: before.state === 'shredded' };
      })
      .immediate();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return result;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
