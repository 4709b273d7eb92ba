import { createHash } from 'node:crypto';
import type pg from 'pg';

/** What every PostgreSQL store here needs: schema-qualified names, lock keys and transactions. */

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Stable signed 32-bit key for an advisory lock (a collision only means extra serialisation). */
export const lockKey = (text: string): number => createHash('sha256').update(text).digest().readInt32BE(0);

/**
 * Runs `work` in one transaction on one connection of the pool. A connection that could not roll
 * back is discarded rather than returned to the pool in an unknown state.
 */
export const inTransaction = async <T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> => {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
        broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
      });
      throw err;
    }
  } finally {
    client.release(broken);
  }
};

/**
 * Whether a migration already ran, judged by the last object it creates. A migration checks this
 * first and does nothing more: CREATE INDEX IF NOT EXISTS locks its table even when the index
 * exists, and a process starting beside busy ones could deadlock with their writes.
 */
export const alreadyCreated = async (client: pg.ClientBase, qualifiedName: string): Promise<boolean> => {
  const { rows } = await client.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [
    qualifiedName,
  ]);
  return rows[0]!.found;
};
