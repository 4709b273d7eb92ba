import Database from 'better-sqlite3';
import {
  DATA_KEY_BYTES,
  type KeyStoreInspection,
  DIRECTORY_PAGE,
  type DirectoryEntry,
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
  CREATE TABLE IF NOT EXISTS learner_directory (
    learner_id  TEXT PRIMARY KEY,
    given_name  TEXT NOT NULL,
    family_name TEXT NOT NULL,
    email       TEXT NOT NULL,
    entered_at  TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS learner_directory_by_name ON learner_directory (family_name, given_name, learner_id);
  CREATE INDEX IF NOT EXISTS learner_directory_by_email ON learner_directory (email);
  -- The first learner registered with each (lower-cased) email: its primary key settles racing registrations.
  CREATE TABLE IF NOT EXISTS email_claims (
    email       TEXT PRIMARY KEY,
    learner_id  TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS email_claims_by_learner ON email_claims (learner_id);
  -- Facts about the store itself, e.g. when the directory was filled from the log.
  CREATE TABLE IF NOT EXISTS key_store_facts (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  -- Substring search: a trigram full-text index over name, email and id (an external-content table).
  CREATE VIRTUAL TABLE IF NOT EXISTS learner_search USING fts5(
    haystack, content = '', contentless_delete = 1, tokenize = 'trigram'
  );
`;

/** Words of fewer than three characters cannot use the trigram index: they filter what the others found. */
const TRIGRAM = 3;
const haystackOf = (e: DirectoryEntry): string => `${e.givenName} ${e.familyName} ${e.email} ${e.learnerId}`;
const quoted = (word: string): string => `"${word.replaceAll('"', '""')}"`;

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
      enter: this.db.prepare(
        `INSERT INTO learner_directory (learner_id, given_name, family_name, email, entered_at)
         SELECT @learnerId, @givenName, @familyName, lower(@email), @at
         WHERE NOT EXISTS (SELECT 1 FROM learner_keys WHERE learner_id = @learnerId AND shredded_at IS NOT NULL)
         ON CONFLICT (learner_id) DO UPDATE SET given_name = excluded.given_name,
           family_name = excluded.family_name, email = excluded.email`,
      ),
      rowidOf: this.db.prepare<[string], { rowid: number }>('SELECT rowid FROM learner_directory WHERE learner_id = ?'),
      unsearch: this.db.prepare('DELETE FROM learner_search WHERE rowid = ?'),
      search: this.db.prepare('INSERT INTO learner_search (rowid, haystack) VALUES (?, ?)'),
      unenter: this.db.prepare('DELETE FROM learner_directory WHERE learner_id = ?'),
      claim: this.db.prepare(
        'INSERT INTO email_claims (email, learner_id) VALUES (lower(?), ?) ON CONFLICT DO NOTHING',
      ),
      claimant: this.db.prepare<[string], { learner_id: string }>(
        'SELECT learner_id FROM email_claims WHERE email = lower(?)',
      ),
      unclaim: this.db.prepare('DELETE FROM email_claims WHERE learner_id = ?'),
      withEmail: this.db.prepare<[string], { learner_id: string }>(
        'SELECT learner_id FROM learner_directory WHERE email = lower(?) ORDER BY entered_at, learner_id',
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
        this.removeFromDirectory(learnerId);
        this.statements.unclaim.run(learnerId);
        const after = toKey(this.statements.find.get(learnerId));
        if (after.state !== 'shredded') throw new Error(`the key of learner ${learnerId} was not destroyed`);
        return { shreddedAt: after.shreddedAt, alreadyShredded: before.state === 'shredded' };
      })
      .immediate();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return result;
  }

  async enter(entries: readonly DirectoryEntry[], at: Date): Promise<void> {
    this.db.transaction(() => entries.forEach((entry) => this.list(entry, at)))();
  }

  async claim(entry: DirectoryEntry, at: Date, shared: boolean): Promise<string[]> {
    return this.db
      .transaction((): string[] => {
        const claimed = this.statements.claim.run(entry.email, entry.learnerId).changes > 0;
        const claimant = this.statements.claimant.get(entry.email)!.learner_id;
        const listed = this.statements.withEmail.all(entry.email).map((row) => row.learner_id);
        const others = [...new Set([claimant, ...listed])].filter((id) => id !== entry.learnerId);
        const retried = claimant === entry.learnerId && !claimed;
        if (!shared && !retried && others.length > 0) {
          if (claimed) this.statements.unclaim.run(entry.learnerId);
          return others;
        }
        this.list(entry, at);
        return [];
      })
      .immediate();
  }

  async unlist(learnerId: string): Promise<void> {
    this.db.transaction(() => {
      this.removeFromDirectory(learnerId);
      this.statements.unclaim.run(learnerId);
    })();
  }

  async directoryFilledAt(): Promise<string | null> {
    const row = this.db
      .prepare<[], { value: string }>("SELECT value FROM key_store_facts WHERE name = 'directory-filled-at'")
      .get();
    return row?.value ?? null;
  }

  async markDirectoryFilled(at: Date): Promise<void> {
    this.db
      .prepare("INSERT INTO key_store_facts (name, value) VALUES ('directory-filled-at', ?) ON CONFLICT DO NOTHING")
      .run(at.toISOString());
  }

  private list(entry: DirectoryEntry, at: Date): void {
    this.removeFromDirectory(entry.learnerId);
    const entered = this.statements.enter.run({ ...entry, at: at.toISOString() });
    if (entered.changes === 0) return;
    const { rowid } = this.statements.rowidOf.get(entry.learnerId)!;
    this.statements.search.run(rowid, haystackOf(entry).toLowerCase());
  }

  private removeFromDirectory(learnerId: string): void {
    const row = this.statements.rowidOf.get(learnerId);
    if (!row) return;
    this.statements.unsearch.run(row.rowid);
    this.statements.unenter.run(learnerId);
  }

  async withEmail(email: string): Promise<string[]> {
    return this.statements.withEmail.all(email).map((row) => row.learner_id);
  }

  async search(words: readonly string[]): Promise<string[]> {
    const lowered = words.map((word) => word.toLowerCase()).filter(Boolean);
    const indexed = lowered.filter((word) => word.length >= TRIGRAM);
    const short = lowered.filter((word) => word.length < TRIGRAM);
    const from =
      indexed.length > 0
        ? 'learner_search s JOIN learner_directory d ON d.rowid = s.rowid WHERE s.haystack MATCH ?'
        : 'learner_directory d WHERE 1';
    const filters = short.map(
      () => " AND instr(lower(d.given_name || ' ' || d.family_name || ' ' || d.email || ' ' || d.learner_id), ?) > 0",
    );
    const rows = this.db
      .prepare<unknown[], { learner_id: string }>(
        `SELECT d.learner_id FROM ${from}${filters.join('')} ORDER BY d.family_name, d.given_name, d.learner_id LIMIT ?`,
      )
      .all(...(indexed.length > 0 ? [indexed.map(quoted).join(' AND ')] : []), ...short, DIRECTORY_PAGE);
    return rows.map((row) => row.learner_id);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
