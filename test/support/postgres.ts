import { randomUUID } from 'node:crypto';
import pg from 'pg';

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

/**
 * True when the suite can run. Otherwise registers, in place of the suite, a failing test on CI
 * (CI=true) or a loud skip elsewhere, and returns false.
 */
export const postgresAvailableFor = (suite: string): boolean => {
  if (postgresUnreachable === undefined) return true;
  const message = `PostgreSQL at ${DATABASE_URL.replace(/\/\/[^@/]*@/, '//<credentials>@')} is unreachable (${postgresUnreachable}); set DATABASE_URL`;
  if (process.env.CI === 'true') {
    describe(suite, () => {
      it('needs a reachable PostgreSQL on CI', () => {
        throw new Error(message);
      });
    });
  } else {
    console.warn(`\n*** SKIPPING the ${suite} suites: ${message} ***\n`);
    describe.skip(`${suite} (skipped: PostgreSQL unreachable)`, () => {
      it('runs', () => undefined);
    });
  }
  return false;
};

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
