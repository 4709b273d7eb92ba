import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore } from '#event-store';
import { quoteIdent } from '#postgres';
import { importPeer } from '../peers/peers.js';
import type { AppendContender } from './run-appends.js';
import type { AppendCommand } from './workload.js';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema name per contender and run, dropped again by the contender's close(). */
export const freshSchema = (contender: string): string =>
  `bench_appends_${contender}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

const withClient = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const countIn = (table: string): Promise<number> =>
  withClient(async (client) =>
    Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n),
  );

const dropSchema = (schema: string): Promise<unknown> =>
  withClient((client) => client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`));

/** Ours: PostgresEventStore.append(stream, [event], expected), as a command handler calls it. */
export const oursOnPostgres = async (concurrency: number): Promise<AppendContender> => {
  const schema = freshSchema('ours');
  const store = await PostgresEventStore.connect({
    connectionString: DATABASE_URL,
    schema,
    poolSize: Math.max(10, concurrency),
  });
  return {
    append: async ({ streamId, expected, type, data, metadata }) => {
      await store.append(streamId, [{ type, data, metadata }], expected === 0 ? 'no-stream' : expected);
    },
    count: () => countIn(`${quoteIdent(schema)}.events`),
    close: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
};

/**
 * The limit: node-postgres alone on the same tables (created by our adapter, so the same columns,
 * constraints and indexes) and the server's durable commits. One transaction per command: lock the
 * stream's version row, check it, insert the event, save the version. No ordering lock and no
 * notification: only what a correct expected-version append needs.
 */
export const rawPostgres = async (concurrency: number): Promise<AppendContender> => {
  const schema = freshSchema('raw');
  await (await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema })).close();
  const events = `${quoteIdent(schema)}.events`;
  const streams = `${quoteIdent(schema)}.streams`;
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: concurrency });
  const version = { name: `version-${schema}`, text: `SELECT version FROM ${streams} WHERE stream_id = $1 FOR UPDATE` };
  const insert = {
    name: `insert-${schema}`,
    text: `INSERT INTO ${events} (id, stream_id, stream_version, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)`,
  };
  const save = {
    name: `save-${schema}`,
    text: `INSERT INTO ${streams} (stream_id, version) VALUES ($1, $2) ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version`,
  };
  return {
    append: async ({ streamId, expected, type, data, metadata }: AppendCommand) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const current =
          (await client.query<{ version: number }>({ ...version, values: [streamId] })).rows[0]?.version ?? 0;
        if (current !== expected) throw new Error(`${streamId} is at ${current}, expected ${expected}`);
        await client.query({
          ...insert,
          values: [randomUUID(), streamId, current + 1, type, JSON.stringify(data), JSON.stringify(metadata)],
        });
        await client.query({ ...save, values: [streamId, current + 1] });
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    count: () => countIn(events),
    close: async () => {
      await pool.end();
      await dropSchema(schema);
    },
  };
};

/** The slice of @event-driven-io/emmett-postgresql this uses. */
interface EmmettPostgres {
  getPostgreSQLEventStore(connectionString: string): {
    appendToStream(stream: string, events: object[], options: { expectedStreamVersion: bigint }): Promise<unknown>;
    close(): Promise<void>;
  };
}

/**
 * The peer as shipped: getPostgreSQLEventStore(url).appendToStream with its own pool (pg's
 * default of 10 connections), in a fresh schema chosen through the connection's search_path.
 */
export const emmettPostgres = async (): Promise<AppendContender> => {
  const emmett = await importPeer<EmmettPostgres>('postgresql');
  const schema = freshSchema('emmett');
  await withClient((client) => client.query(`CREATE SCHEMA ${quoteIdent(schema)}`));
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const store = emmett.getPostgreSQLEventStore(url.toString());
  return {
    append: async ({ streamId, type, data, metadata, expected }) => {
      await store.appendToStream(streamId, [{ type, data, metadata }], { expectedStreamVersion: BigInt(expected) });
    },
    count: () => countIn(`${quoteIdent(schema)}.emt_messages`),
    close: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
};
