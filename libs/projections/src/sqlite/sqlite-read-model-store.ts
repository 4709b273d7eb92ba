import Database from 'better-sqlite3';
import { checkpointInBackground, withinBusyWait, type BackgroundCheckpoints } from '#event-store';
import type { DocumentReader, DocumentWrite, ReadModelStore } from '../read-model-store.port.js';
import { dropSecondaryIndexes, prepareReadModelSchema } from './read-model-schema.js';

/**
 * During a bulk load: a page cache that holds the key index of a large store (64 MB instead of
 * SQLite's 2 MB; memory stays bounded), and, when commits checkpoint inline, a checkpoint of the
 * WAL every ~80 MB instead of every ~4 MB, so pages that consecutive commits rewrite are copied
 * into the file less often. Neither changes what a commit guarantees (WAL, synchronous = NORMAL).
 */
const BULK_CACHE_SIZE = -65_536;
const BULK_WAL_AUTOCHECKPOINT = 20_000;
/** How long a commit waits for another connection's lock (the checkpoint worker's) in all. */
const BUSY_TIMEOUT_MS = 5000;

interface Commit {
  checkpoint: string;
  position: number;
  writes: readonly DocumentWrite[];
}

/** The embedded read-model store: one SQLite file in WAL mode beside the event log. */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: Database.Database;
  private readonly statements;
  private bulkLoads = 0;
  private readonly checkpoints: BackgroundCheckpoints | undefined;
  private readonly commitTransaction: (commits: readonly Commit[]) => void;
  /** Commits held back while commitTogether runs. */
  private gathering: { checkpoints: ReadonlySet<string>; commits: Commit[] } | undefined;
  /** Snapshots being read; commits wait until none is, as one connection has one view of the file. */
  private openSnapshots = 0;
  private snapshotsClosed: (() => void)[] = [];

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (path !== ':memory:') {
      // Checkpoints (and their fsync) off the event loop; back on here if the worker cannot do them.
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpoints = checkpointInBackground(
        path,
        () => this.db.open && this.db.pragma('wal_autocheckpoint = 1000'),
      );
    }
    prepareReadModelSchema(this.db);
    this.statements = {
      get: this.db.prepare<[string, string], { doc: string }>(
        'SELECT doc FROM documents WHERE collection = ? AND id = ?',
      ),
      byRef: this.db.prepare<[string, string], { doc: string }>(
        'SELECT doc FROM documents WHERE collection = ? AND ref = ? ORDER BY id',
      ),
      due: this.db.prepare<[string, string, string, number], { doc: string }>(
        'SELECT doc FROM documents WHERE collection = ? AND status = ? AND due < ? ORDER BY due LIMIT ?',
      ),
      // SQLite rewrites an index whenever its columns appear in an UPDATE's SET, equal or not; most
      // writes change only the document, so they try this first (about 5x less work per write).
      updateDocument: this.db.prepare(
        `UPDATE documents SET doc = @doc
         WHERE collection = @collection AND id = @id AND ref IS @ref AND status IS @status AND due IS @due`,
      ),
      upsert: this.db.prepare(
        `INSERT INTO documents (collection, id, ref, status, due, doc) VALUES (@collection, @id, @ref, @status, @due, @doc)
         ON CONFLICT (collection, id) DO UPDATE SET ref = excluded.ref, status = excluded.status, due = excluded.due, doc = excluded.doc`,
      ),
      checkpoint: this.db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?'),
      saveCheckpoint: this.db.prepare(
        'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
      ),
      deleteCheckpoint: this.db.prepare('DELETE FROM checkpoints WHERE name = ?'),
      deleteCollection: this.db.prepare('DELETE FROM documents WHERE collection = ?'),
      deleteDue: this.db.prepare<[string, string, string]>(
        'DELETE FROM documents WHERE collection = ? AND status = ? AND due < ?',
      ),
    };
    this.commitTransaction = this.db.transaction(this.writeInTransaction.bind(this));
  }

  async load(collection: string, ids: readonly string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    for (const id of new Set(ids)) {
      const row = this.statements.get.get(collection, id);
      if (row) found.set(id, JSON.parse(row.doc));
    }
    return found;
  }

  private writeInTransaction(commits: readonly Commit[]): void {
    for (const { checkpoint, position, writes } of commits) {
      for (const w of writes) {
        const row = {
          collection: w.collection,
          id: w.id,
          ref: w.index.ref ?? null,
          status: w.index.status ?? null,
          due: w.index.due ?? null,
          doc: JSON.stringify(w.doc),
        };
        if (this.statements.updateDocument.run(row).changes === 0) this.statements.upsert.run(row);
      }
      this.statements.saveCheckpoint.run(checkpoint, position);
    }
  }

  async commit(checkpoint: string, position: number, writes: readonly DocumentWrite[]): Promise<void> {
    if (this.gathering?.checkpoints.has(checkpoint)) this.gathering.commits.push({ checkpoint, position, writes });
    else await this.write([{ checkpoint, position, writes }]);
  }

  async snapshot<T>(read: (reader: DocumentReader) => Promise<T>): Promise<T> {
    this.openSnapshots++;
    try {
      return await read(this);
    } finally {
      if (--this.openSnapshots === 0) for (const resume of this.snapshotsClosed.splice(0)) resume();
    }
  }

  /** Reads are synchronous, so a commit can only fall between a snapshot's reads: it waits instead. */
  private async write(commits: readonly Commit[]): Promise<void> {
    await withinBusyWait(async () => {
      while (this.openSnapshots > 0) await new Promise<void>((resume) => this.snapshotsClosed.push(resume));
      this.commitTransaction(commits);
    }, BUSY_TIMEOUT_MS);
  }

  async commitTogether(checkpoints: ReadonlySet<string>, work: () => Promise<void>): Promise<void> {
    if (this.gathering) return work(); // nested: the outer call writes
    const gathering = { checkpoints, commits: [] as Commit[] };
    this.gathering = gathering;
    try {
      await work();
    } finally {
      this.gathering = undefined;
      // What was gathered is consistent (each commit is writes plus its checkpoint) even if work threw.
      if (gathering.commits.length > 0) await this.write(gathering.commits);
    }
  }

  async checkpoint(name: string): Promise<number> {
    return this.statements.checkpoint.get(name)?.position ?? 0;
  }

  async get<T>(collection: string, id: string): Promise<T | undefined> {
    const row = this.statements.get.get(collection, id);
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  async findByRef<T>(collection: string, ref: string): Promise<T[]> {
    return this.statements.byRef.all(collection, ref).map((row) => JSON.parse(row.doc) as T);
  }

  async findDue<T>(collection: string, status: string, before: string, limit: number): Promise<T[]> {
    return this.statements.due.all(collection, status, before, limit).map((row) => JSON.parse(row.doc) as T);
  }

  async deleteDue(collection: string, status: string, before: string): Promise<number> {
    while (this.openSnapshots > 0) await new Promise<void>((resume) => this.snapshotsClosed.push(resume));
    return this.statements.deleteDue.run(collection, status, before).changes;
  }

  async reset(checkpoint: string, collections: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      this.statements.deleteCheckpoint.run(checkpoint);
      for (const collection of collections) this.statements.deleteCollection.run(collection);
    })();
  }

  /** Without secondary indexes (rebuilt at the end) and with the pragmas above; nests. */
  async bulkLoad<T>(work: () => Promise<T>): Promise<T> {
    if (this.bulkLoads++ > 0) {
      try {
        return await work();
      } finally {
        this.bulkLoads--;
      }
    }
    const saved = {
      cache_size: this.db.pragma('cache_size', { simple: true }) as number,
      wal_autocheckpoint: this.db.pragma('wal_autocheckpoint', { simple: true }) as number,
    };
    this.db.pragma(`cache_size = ${BULK_CACHE_SIZE}`);
    // 0 means checkpoints happen elsewhere (in the background): leave that alone.
    if (saved.wal_autocheckpoint > 0) this.db.pragma(`wal_autocheckpoint = ${BULK_WAL_AUTOCHECKPOINT}`);
    dropSecondaryIndexes(this.db);
    try {
      return await work();
    } finally {
      this.bulkLoads--;
      if (this.db.open) {
        prepareReadModelSchema(this.db);
        for (const [name, value] of Object.entries(saved)) this.db.pragma(`${name} = ${value}`);
      }
    }
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    await this.checkpoints?.stop();
    if (this.db.open) this.db.close();
  }
}
