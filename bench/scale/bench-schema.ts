import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, openStores, type Stores } from '#runtime';
import { BENCH_SECRET } from '../support/mark-workload.js';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const roleEnv = (schema: string, dataDir: string): Record<string, string> => ({
  EVENT_STORE: 'postgres',
  DATABASE_URL,
  DATABASE_SCHEMA: schema,
  DATA_DIR: dataDir,
  AUTH_JWT_SECRET: BENCH_SECRET,
  SWEEP_INTERVAL_MS: '0',
});

/**
 * A fresh PostgreSQL schema for one measurement: the environment every role process gets, the
 * stores (to seed through), and a connection to watch the log with.
 */
export class BenchSchema {
  private constructor(
    readonly name: string,
    private readonly dataDir: string,
    readonly stores: Stores,
    private readonly client: pg.Client,
  ) {}

  static async create(): Promise<BenchSchema> {
    const name = `credence_scale_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'credence-scale-'));
    const stores = await openStores(loadConfig(roleEnv(name, dataDir)));
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    return new BenchSchema(name, dataDir, stores, client);
  }

  /** What every role process of this measurement runs with. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { ...roleEnv(this.name, this.dataDir), ...extra };
  }

  query<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.client.query<R>(sql, values);
  }

  /** Events of `type` after `position`, and the last position seen (the index on position keeps a poll cheap). */
  async countAfter(type: string, position: number): Promise<{ count: number; last: number }> {
    const { rows } = await this.query<{ count: string; last: string | null }>(
      `SELECT count(*) FILTER (WHERE type = $2) AS count, max(position) AS last
         FROM "${this.name}".events WHERE position > $1`,
      [position, type],
    );
    return { count: Number(rows[0]!.count), last: rows[0]!.last === null ? position : Number(rows[0]!.last) };
  }

  /**
   * Transactions committed in this database so far (every client's, the runners' lease ticks and this
   * poller's included): per award or mark, it shows how well appends are batched into one commit.
   */
  async commits(): Promise<number> {
    const { rows } = await this.query<{ commits: string }>(
      'SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()',
    );
    return Number(rows[0]!.commits);
  }

  async head(): Promise<number> {
    const { rows } = await this.query<{ head: string | null }>(
      `SELECT max(position) AS head FROM "${this.name}".events`,
    );
    return Number(rows[0]!.head ?? 0);
  }

  async checkpoint(name: string): Promise<number> {
    const { rows } = await this.query<{ position: string }>(
      `SELECT position FROM "${this.name}".checkpoints WHERE name = $1`,
      [name],
    );
    return Number(rows[0]?.position ?? 0);
  }

  async drop(): Promise<void> {
    await this.stores.store.close();
    await this.stores.readModels.close();
    await this.query(`DROP SCHEMA IF EXISTS "${this.name}" CASCADE`);
    await this.client.end();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
