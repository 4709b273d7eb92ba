import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '#event-store';
import { SCHEMA_SQL } from '../../libs/event-store/src/sqlite/schema.js';
import { importPeer } from '../peers/peers.js';
import type { AppendContender } from './run-appends.js';
import type { AppendCommand } from './workload.js';

/** Durability of every SQLite contender: what SqliteEventStore sets (WAL, fsync at checkpoints). */
const DURABILITY = ['journal_mode = WAL', 'synchronous = NORMAL'];
/**
 * SqliteEventStore checkpoints the WAL in a background worker, off the append path. The strict
 * limit therefore does no checkpoint on its append path either (it leaves them to no one at all).
 */
const NO_INLINE_CHECKPOINTS = 'wal_autocheckpoint = 0';

const countOf = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** Ours: SqliteEventStore.append(stream, [event], expected), as a command handler calls it. */
export const oursOnSqlite = (folder: string): AppendContender => {
  const path = join(folder, 'ours.db');
  const store = SqliteEventStore.open({ path });
  return {
    append: async ({ streamId, expected, type, data, metadata }) => {
      await store.append(streamId, [{ type, data, metadata }], expected === 0 ? 'no-stream' : expected);
    },
    count: async () => countOf(path),
    close: () => store.close(),
  };
};

/**
 * The limit: better-sqlite3 alone on the same schema and settings. One transaction per command
 * that reads the stream's version (its largest event version), checks it and inserts the event. With
 * `inlineCheckpoints`, SQLite's default: a commit checkpoints (and fsyncs) every ~1000 pages.
 */
export const rawSqlite = (folder: string, inlineCheckpoints = false): AppendContender => {
  const path = join(folder, 'raw.db');
  const db = new Database(path);
  for (const pragma of DURABILITY) db.pragma(pragma);
  if (!inlineCheckpoints) db.pragma(NO_INLINE_CHECKPOINTS);
  db.exec(SCHEMA_SQL);
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const version = db.prepare<[string], { version: number }>(
    'SELECT COALESCE(MAX(stream_version), 0) AS version FROM events WHERE stream_id = ?',
  );
  const insert = db.prepare(
    'INSERT INTO events (id, stream_id, stream_version, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return {
    append: ({ streamId, expected, type, data, metadata }: AppendCommand) => {
      begin.run();
      try {
        const current = version.get(streamId)!.version;
        if (current !== expected) throw new Error(`${streamId} is at ${current}, expected ${expected}`);
        const json = JSON.stringify(data);
        insert.run(randomUUID(), streamId, current + 1, type, json, JSON.stringify(metadata), new Date().toISOString());
        commit.run();
      } catch (error) {
        rollback.run();
        throw error;
      }
    },
    count: async () => countOf(path),
    close: async () => void db.close(),
  };
};

/** The slice of @event-driven-io/emmett-sqlite this uses. */
interface EmmettSqlite {
  getSQLiteEventStore(options: { fileName: string }): {
    appendToStream(stream: string, events: object[], options: { expectedStreamVersion: bigint }): Promise<unknown>;
  };
  sqliteConnection(options: { fileName: string }): EmmettSqliteConnection;
  createEventStoreSchema(connection: EmmettSqliteConnection): Promise<void>;
  appendToStream(
    connection: EmmettSqliteConnection,
    stream: string,
    streamType: string,
    events: object[],
    options: { expectedStreamVersion: bigint },
  ): Promise<{ success: boolean }>;
}
interface EmmettSqliteConnection {
  command(sql: string): Promise<unknown>;
  querySingle<T>(sql: string): Promise<T | null>;
  close(): void;
}

const emmettCount = async (fileName: string, emmett: EmmettSqlite): Promise<number> => {
  const connection = emmett.sqliteConnection({ fileName });
  try {
    return (await connection.querySingle<{ n: number }>('SELECT count(*) AS n FROM emt_messages'))?.n ?? 0;
  } finally {
    connection.close();
  }
};

const isBusy = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY';

/**
 * The peer as its documentation shows it: getSQLiteEventStore(...).appendToStream. It opens a
 * connection per call for a file database and keeps SQLite's default synchronous = FULL. Now and
 * then its COMMIT fails with SQLITE_BUSY ("SQL statements in progress": a RETURNING statement not
 * yet finalised); the append was rolled back, so it is retried, and the retries are counted.
 */
export const emmettSqliteAsShipped = async (folder: string): Promise<AppendContender> => {
  const emmett = await importPeer<EmmettSqlite>('sqlite');
  const fileName = join(folder, 'emmett-shipped.db');
  const store = emmett.getSQLiteEventStore({ fileName });
  let retries = 0;
  return {
    append: async ({ streamId, expected, type, data, metadata }) => {
      for (let attempt = 1; ; attempt++) {
        try {
          await store.appendToStream(streamId, [{ type, data, metadata }], { expectedStreamVersion: BigInt(expected) });
          return;
        } catch (error) {
          if (!isBusy(error) || attempt === 5) throw error;
          retries++;
        }
      }
    },
    retries: () => retries,
    count: () => emmettCount(fileName, emmett),
    close: async () => undefined,
  };
};

/**
 * The peer on equal terms: Emmett's own appendToStream over one long-lived connection with our
 * durability (WAL, synchronous = NORMAL) and no checkpoint on the append path, so the difference
 * left is the libraries themselves.
 */
export const emmettSqliteSameDurability = async (folder: string): Promise<AppendContender> => {
  const emmett = await importPeer<EmmettSqlite>('sqlite');
  const fileName = join(folder, 'emmett.db');
  const connection = emmett.sqliteConnection({ fileName });
  for (const pragma of [...DURABILITY, NO_INLINE_CHECKPOINTS]) await connection.command(`PRAGMA ${pragma}`);
  await emmett.createEventStoreSchema(connection);
  return {
    append: async ({ streamId, expected, type, data, metadata }) => {
      const result = await emmett.appendToStream(connection, streamId, 'enrolment', [{ type, data, metadata }], {
        expectedStreamVersion: BigInt(expected),
      });
      if (!result.success) throw new Error(`emmett refused the append to ${streamId} at ${expected}`);
    },
    count: () => emmettCount(fileName, emmett),
    close: async () => connection.close(),
  };
};
