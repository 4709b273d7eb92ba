import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MemorySampler, type MemoryFigures } from './memory.js';
import { withRebuiltDocuments, writeFloor, type WriteFloor } from './write-floor.js';

export type ReplayMode = 'raw' | 'ours' | 'raw-pg' | 'ours-pg';

export interface ReplayFigures {
  mode: ReplayMode;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** User + system CPU of the run: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  memory: MemoryFigures;
}

const cpuSecondsSince = (start: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(start);
  return Math.round((user + system) / 1000) / 1000;
};

const figuresOf = (
  mode: ReplayMode,
  events: number,
  millis: number,
  cpu: NodeJS.CpuUsage,
  sampler: MemorySampler,
): ReplayFigures => ({
  mode,
  events,
  seconds: Math.round(millis) / 1000,
  eventsPerSecond: Math.round(events / (millis / 1000)),
  cpuSeconds: cpuSecondsSince(cpu),
  memory: sampler.figures(),
});

/** The limit: the driver iterating every row in position order and parsing data and metadata. */
const rawReadAndParse = (path: string): ReplayFigures => {
  const sampler = new MemorySampler();
  const db = new Database(path, { readonly: true });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const rows = db
    .prepare<
      [],
      {
        position: number;
        id: string;
        stream_id: string;
        stream_version: number;
        type: string;
        data: string;
        metadata: string;
        recorded_at: string;
      }
    >('SELECT position, id, stream_id, stream_version, type, data, metadata, recorded_at FROM events ORDER BY position')
    .iterate();
  let events = 0;
  let keys = 0;
  for (const row of rows) {
    const data = JSON.parse(row.data) as object | null;
    JSON.parse(row.metadata);
    keys += data === null ? 0 : 1;
    sampler.seen(++events);
  }
  const millis = performance.now() - started;
  db.close();
  if (keys === 0) throw new Error('no event had data');
  return figuresOf('raw', events, millis, cpu, sampler);
};

/**
 * Ours: every projection rebuilt from the log, with the code `npm run projections:rebuild` runs.
 * Its modules load here, so that the raw run's memory figures do not carry them.
 */
const oursRebuild = async (path: string): Promise<ReplayFigures> => {
  const { SqliteEventStore } = await import('#event-store');
  const { SqliteReadModelStore, rebuildProjections } = await import('#projections');
  const { readModelConsumers } = await import('#runtime');
  const sampler = new MemorySampler();
  const folder = mkdtempSync(join(tmpdir(), 'credence-replay-'));
  const store = SqliteEventStore.open({ path });
  const readModels = new SqliteReadModelStore(join(folder, 'read-models.db'));
  try {
    const cpu = process.cpuUsage();
    const { events, millis } = await rebuildProjections(store, readModelConsumers(readModels), undefined, (n) =>
      sampler.seen(n),
    );
    return figuresOf('ours', events, millis, cpu, sampler);
  } finally {
    await store.close();
    await readModels.close();
    rmSync(folder, { recursive: true, force: true });
  }
};

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const dropSchema = async (schema: string): Promise<void> => {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
};

/** The limit on PostgreSQL: node-postgres paging through the log by position; it parses the json columns. */
const rawReadAndParsePostgres = async (schema: string): Promise<ReplayFigures> => {
  const { default: pg } = await import('pg');
  const sampler = new MemorySampler();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let events = 0;
  let position = 0;
  for (;;) {
    const { rows } = await client.query<{ position: string; data: unknown }>({
      name: 'page',
      text: `SELECT position, id, stream_id, stream_version, type, data, metadata, recorded_at
               FROM "${schema}".events WHERE position > $1 ORDER BY position LIMIT 10000`,
      values: [position],
    });
    if (rows.length === 0) break;
    events += rows.length;
    position = Number(rows.at(-1)!.position);
    sampler.seen(events);
  }
  const millis = performance.now() - started;
  await client.end();
  return figuresOf('raw-pg', events, millis, cpu, sampler);
};

/** Ours on PostgreSQL: PostgresEventStore into PostgresReadModelStore (a fresh schema, dropped after). */
const oursRebuildPostgres = async (schema: string): Promise<ReplayFigures> => {
  const { PostgresEventStore } = await import('#event-store');
  const { PostgresReadModelStore, rebuildProjections } = await import('#projections');
  const { readModelConsumers } = await import('#runtime');
  const sampler = new MemorySampler();
  const readModelSchema = `${schema}_read_models_${process.pid}`;
  const store = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema });
  const readModels = await PostgresReadModelStore.connect({ connectionString: DATABASE_URL, schema: readModelSchema });
  try {
    const cpu = process.cpuUsage();
    const { events, millis } = await rebuildProjections(store, readModelConsumers(readModels), undefined, (n) =>
      sampler.seen(n),
    );
    return figuresOf('ours-pg', events, millis, cpu, sampler);
  } finally {
    await store.close();
    await readModels.close();
    await dropSchema(readModelSchema);
  }
};

/** The write floor on each target named, from one (untimed) rebuild of the SQLite log at `path`. */
export const writeFloors = (path: string, targets: readonly string[]): Promise<WriteFloor[]> =>
  withRebuiltDocuments(path, async (rebuilt) => {
    const floors: WriteFloor[] = [];
    if (targets.includes('sqlite')) floors.push(await writeFloorOnSqlite(rebuilt));
    if (targets.includes('postgres')) floors.push(await writeFloorOnPostgres(rebuilt));
    return floors;
  });

const writeFloorOnSqlite = async (rebuilt: string): Promise<WriteFloor> => {
  const { SqliteReadModelStore } = await import('#projections');
  const folder = mkdtempSync(join(tmpdir(), 'credence-write-floor-target-'));
  const target = new SqliteReadModelStore(join(folder, 'read-models.db'));
  try {
    return await writeFloor(rebuilt, target, 'sqlite');
  } finally {
    await target.close();
    rmSync(folder, { recursive: true, force: true });
  }
};

const writeFloorOnPostgres = async (rebuilt: string): Promise<WriteFloor> => {
  const { PostgresReadModelStore } = await import('#projections');
  const schema = `write_floor_${process.pid}`;
  const target = await PostgresReadModelStore.connect({ connectionString: DATABASE_URL, schema });
  try {
    return await writeFloor(rebuilt, target, 'postgres');
  } finally {
    await target.close();
    await dropSchema(schema);
  }
};

/** `where` is the SQLite file for raw and ours, the PostgreSQL schema for raw-pg and ours-pg. */
export const replay = (mode: ReplayMode, where: string): Promise<ReplayFigures> | ReplayFigures => {
  switch (mode) {
    case 'raw':
      return rawReadAndParse(where);
    case 'ours':
      return oursRebuild(where);
    case 'raw-pg':
      return rawReadAndParsePostgres(where);
    case 'ours-pg':
      return oursRebuildPostgres(where);
  }
};
