import Database from 'better-sqlite3';
import pg from 'pg';
import { PostgresEventStore } from '#event-store';
import { quoteIdent } from '#postgres';
import type { ReplayLog } from './replay-log.js';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Row {
  id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/**
 * The same log in PostgreSQL, in a schema named after it (bench_replay_<events>_<fingerprint>) and
 * kept between runs like the SQLite file: copied row by row in position order, in the tables
 * PostgresEventStore creates. Drop it with `DROP SCHEMA ... CASCADE` when done.
 */
export const postgresReplayLog = async (log: ReplayLog): Promise<string> => {
  const schema = `bench_replay_${log.events}_${log.fingerprint}`;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const done = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'copied'`,
      [schema],
    );
    if (done.rows[0]!.n === '1') return schema;
    console.log(`Copying the log into PostgreSQL schema ${schema} ...`);
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await (await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema })).close();
    const sqlite = new Database(log.path, { readonly: true });
    const rows = sqlite
      .prepare<[], Row>(
        'SELECT id, stream_id, stream_version, type, data, metadata, recorded_at FROM events ORDER BY position',
      )
      .iterate();
    const insert = async (chunk: Row[]) =>
      client.query(
        `INSERT INTO ${quoteIdent(schema)}.events (id, stream_id, stream_version, type, data, metadata, recorded_at)
         SELECT id, stream_id, stream_version, type, data::json, metadata::json, recorded_at
           FROM unnest($1::uuid[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
                WITH ORDINALITY AS r(id, stream_id, stream_version, type, data, metadata, recorded_at, ord)
          ORDER BY ord`,
        [
          chunk.map((r) => r.id),
          chunk.map((r) => r.stream_id),
          chunk.map((r) => r.stream_version),
          chunk.map((r) => r.type),
          chunk.map((r) => r.data),
          chunk.map((r) => r.metadata),
          chunk.map((r) => r.recorded_at),
        ],
      );
    let chunk: Row[] = [];
    for (const row of rows) {
      chunk.push(row);
      if (chunk.length === 5000) {
        await insert(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) await insert(chunk);
    const streams = sqlite
      .prepare<[], { stream_id: string; version: number }>(
        'SELECT stream_id, MAX(stream_version) AS version FROM events GROUP BY stream_id',
      )
      .all();
    sqlite.close();
    for (let i = 0; i < streams.length; i += 20_000) {
      const part = streams.slice(i, i + 20_000);
      await client.query(
        `INSERT INTO ${quoteIdent(schema)}.streams (stream_id, version) SELECT * FROM unnest($1::text[], $2::integer[])`,
        [part.map((s) => s.stream_id), part.map((s) => s.version)],
      );
    }
    await client.query(`VACUUM ANALYZE ${quoteIdent(schema)}.events`);
    await client.query(`CREATE TABLE ${quoteIdent(schema)}.copied ()`);
    return schema;
  } finally {
    await client.end();
  }
};
