import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { serviceAvailableFor } from './required-service.js';

/** The PostgreSQL the suites use: DATABASE_URL, or the machine's trust-auth server. */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why PostgreSQL cannot be reached, or undefined when it can. */
export const postgresUnreachable = await (async (): Promise<string | undefined> => {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
})();

/** True when the suite can run; otherwise it fails on CI or skips loudly (serviceAvailableFor). */
export const postgresAvailableFor = (suite: string): boolean =>
  serviceAvailableFor(
    suite,
    'a reachable PostgreSQL',
    postgresUnreachable === undefined
      ? undefined
      : `PostgreSQL at ${DATABASE_URL.replace(/\/\/[^@/]*@/, '//<credentials>@')} is unreachable (${postgresUnreachable}); set DATABASE_URL`,
  );

export const freshSchema = (prefix = 'credence_test'): string =>
  `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;

/** Runs `work` on a separate, short-lived connection. */
export const withClient = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

export const dropSchema = (schema: string): Promise<unknown> =>
  withClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
