import type Database from 'better-sqlite3';

/**
 * Documents live in an ordinary rowid table with a unique (collection, id) key. They used to be
 * WITHOUT ROWID, which SQLite advises only for small rows: with documents of a few kilobytes every
 * upsert moved whole rows through the key B-tree and its overflow pages, and a rebuild spent most
 * of its time there (about 4x slower to write).
 */
const DOCUMENTS = `
  CREATE TABLE IF NOT EXISTS documents (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    ref TEXT,
    status TEXT,
    due TEXT,
    doc TEXT NOT NULL,
    PRIMARY KEY (collection, id)
  );
  -- With the id in the ref index, "WHERE collection = ? AND ref = ? ORDER BY id" is one index range:
  -- on (collection, ref) alone SQLite chose the key index and scanned the whole collection to
  -- satisfy the ORDER BY (a learner's record read every enrolment: 12 ms at 5,000 learners).
  DROP INDEX IF EXISTS documents_by_ref;
  CREATE INDEX IF NOT EXISTS documents_by_ref_id ON documents (collection, ref, id);
  CREATE INDEX IF NOT EXISTS documents_by_due ON documents (collection, status, due);
`;
const CHECKPOINTS = 'CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);';

const isWithoutRowid = (db: Database.Database): boolean => {
  const table = db
    .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents'")
    .get();
  return table !== undefined && /WITHOUT\s+ROWID/i.test(table.sql);
};

/**
 * Drops every secondary index of the documents table (the key stays) for a bulk load: inserting
 * into them at random places is most of a rebuild's write cost, while building them afresh from
 * the finished table is cheap. prepareReadModelSchema recreates them; a file left without them by
 * a crash gets them back the next time it is opened.
 */
export const dropSecondaryIndexes = (db: Database.Database): void => {
  const indexes = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents' AND sql IS NOT NULL",
    )
    .all();
  for (const { name } of indexes) db.exec(`DROP INDEX "${name.replace(/"/g, '""')}"`);
};

/**
 * Creates the schema, or moves a file of the WITHOUT ROWID days into the rowid table, keeping
 * every document and checkpoint (so no consumer replays). Idempotent and safe against another
 * process opening the same file: the move runs in a write transaction that checks again.
 */
export const prepareReadModelSchema = (db: Database.Database): void => {
  if (isWithoutRowid(db)) {
    db.transaction(() => {
      if (!isWithoutRowid(db)) return;
      db.exec('ALTER TABLE documents RENAME TO documents_without_rowid');
      db.exec(
        'DROP INDEX IF EXISTS documents_by_ref; DROP INDEX IF EXISTS documents_by_ref_id; DROP INDEX IF EXISTS documents_by_due;',
      );
      db.exec(DOCUMENTS);
      db.exec(
        'INSERT INTO documents (collection, id, ref, status, due, doc) SELECT collection, id, ref, status, due, doc FROM documents_without_rowid',
      );
      db.exec('DROP TABLE documents_without_rowid');
    }).immediate();
  }
  db.exec(DOCUMENTS + CHECKPOINTS);
};
