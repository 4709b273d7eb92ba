import type pg from 'pg';
import type { DocumentReader } from '../read-model-store.port.js';

/** Runs one statement, named so that it is prepared once per connection where the store allows it. */
export type RunStatement = <R extends pg.QueryResultRow = pg.QueryResultRow>(
  name: string,
  text: string,
  values: unknown[],
) => Promise<pg.QueryResult<R>>;

/** The read-model store's reads, on the pool or on one connection inside a snapshot transaction. */
export const postgresDocumentReader = (
  tables: { documents: string; checkpoints: string },
  run: RunStatement,
  assertOpen: () => void,
): DocumentReader => ({
  async load(collection, ids) {
    assertOpen();
    const found = new Map<string, unknown>();
    if (ids.length === 0) return found;
    const result = await run<{ id: string; doc: unknown }>(
      'load',
      `SELECT id, doc FROM ${tables.documents} WHERE collection = $1 AND id = ANY($2::text[])`,
      [collection, [...new Set(ids)]],
    );
    for (const row of result.rows) found.set(row.id, row.doc);
    return found;
  },

  async checkpoint(name) {
    assertOpen();
    const result = await run<{ position: string }>(
      'checkpoint',
      `SELECT position FROM ${tables.checkpoints} WHERE name = $1`,
      [name],
    );
    const row = result.rows[0];
    return row ? Number(row.position) : 0;
  },

  async get<T>(collection: string, id: string) {
    assertOpen();
    const result = await run<{ doc: T }>(
      'get',
      `SELECT doc FROM ${tables.documents} WHERE collection = $1 AND id = $2`,
      [collection, id],
    );
    return result.rows.length > 0 ? result.rows[0]!.doc : undefined;
  },

  async findByRef<T>(collection: string, ref: string) {
    assertOpen();
    const result = await run<{ doc: T }>(
      'by-ref',
      `SELECT doc FROM ${tables.documents} WHERE collection = $1 AND ref = $2 ORDER BY id`,
      [collection, ref],
    );
    return result.rows.map((row) => row.doc);
  },

  async findDue<T>(collection: string, status: string, before: string, limit: number) {
    assertOpen();
    // `id` only breaks ties between equal deadlines, so that the order is deterministic.
    const result = await run<{ doc: T }>(
      'due',
      `SELECT doc FROM ${tables.documents}
        WHERE collection = $1 AND status = $2 AND due < $3
        ORDER BY due, id LIMIT $4`,
      [collection, status, before, limit],
    );
    return result.rows.map((row) => row.doc);
  },
});
