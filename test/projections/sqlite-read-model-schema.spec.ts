import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteReadModelStore } from '#projections';

/** The schema every read-models.db had before documents moved to a rowid table. */
const WITHOUT_ROWID_SCHEMA = `
  CREATE TABLE documents (
    collection TEXT NOT NULL, id TEXT NOT NULL, ref TEXT, status TEXT, due TEXT, doc TEXT NOT NULL,
    PRIMARY KEY (collection, id)
  ) WITHOUT ROWID;
  CREATE INDEX documents_by_ref ON documents (collection, ref);
  CREATE INDEX documents_by_due ON documents (collection, status, due);
  CREATE TABLE checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
`;

describe('SqliteReadModelStore schema', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'credence-read-model-schema-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const tableSql = (path: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'documents'").get()!.sql;
    } finally {
      db.close();
    }
  };

  it('moves the documents of a WITHOUT ROWID file into the rowid table, keeping documents, indexes and checkpoints', async () => {
    const path = join(dir, 'read-models.db');
    const old = new Database(path);
    old.exec(WITHOUT_ROWID_SCHEMA);
    old.prepare("INSERT INTO documents VALUES ('enrolments', 'e-1', 'l-1', 'active', '2026-03-01', '{\"n\":1}')").run();
    old
      .prepare(
        "INSERT INTO documents VALUES ('enrolments', 'e-2', 'l-1', 'work-outstanding', '2026-01-01', '{\"n\":2}')",
      )
      .run();
    old.prepare("INSERT INTO checkpoints VALUES ('projections:records', 42)").run();
    old.close();

    const store = new SqliteReadModelStore(path);
    expect(await store.get('enrolments', 'e-1')).toEqual({ n: 1 });
    expect(await store.findByRef('enrolments', 'l-1')).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await store.findDue('enrolments', 'work-outstanding', '2026-02-01', 10)).toEqual([{ n: 2 }]);
    expect(await store.checkpoint('projections:records')).toBe(42);
    await store.commit('projections:records', 43, [
      { collection: 'enrolments', id: 'e-1', doc: { n: 3 }, index: { ref: 'l-1' } },
    ]);
    expect(await store.get('enrolments', 'e-1')).toEqual({ n: 3 });
    await store.close();

    expect(tableSql(path)).not.toMatch(/WITHOUT\s+ROWID/i);
    // Opening again finds nothing to move and keeps the data.
    const reopened = new SqliteReadModelStore(path);
    expect(await reopened.checkpoint('projections:records')).toBe(43);
    expect(await reopened.get('enrolments', 'e-2')).toEqual({ n: 2 });
    await reopened.close();
  });

  it('creates a new file with the rowid table', async () => {
    const path = join(dir, 'fresh.db');
    await new SqliteReadModelStore(path).close();
    expect(tableSql(path)).toMatch(/PRIMARY KEY \(collection, id\)\s*\)$/);
  });
});
