import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { lockKey } from '#postgres';

export const LEADER_LOCK_CLASS = 0x43_52_45_4c; // "CREL"

export interface LeaderLockOptions {
  connectionString: string;
  /** What is led, e.g. "board-runner": one leader per name per database. */
  name: string;
  /** How often a standby asks for the lock, and the leader checks its session is alive. */
  intervalMs?: number;
  signal?: AbortSignal;
  onWaiting?: () => void;
}

/** Held while this process leads; `lost` settles if the session (and with it the lock) goes away. */
export interface Leadership {
  readonly lost: Promise<Error>;
  release(): Promise<void>;
}

/**
 * Leader election for the singleton consumers (board runner, relay) on the database that holds their
 * checkpoints: a session-level advisory lock. A standby polls until the leader's session ends — on a
 * clean release, a crash, or a network partition (PostgreSQL ends the session, freeing the lock) — and a
 * leader that loses its session learns it from `lost` and must stop consuming at once.
 */
export const acquireLeadership = async (options: LeaderLockOptions): Promise<Leadership> => {
  const intervalMs = options.intervalMs ?? 2000;
  const key = lockKey(options.name);
  for (let waitingReported = false; ;) {
    options.signal?.throwIfAborted();
    const client = new pg.Client({
      connectionString: options.connectionString,
      application_name: `credence leader ${options.name}`.slice(0, 63),
    });
    let failure: Error | undefined;
    client.on('error', (error) => (failure = error));
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [
      LEADER_LOCK_CLASS,
      key,
    ]);
    if (rows[0]!.locked) return new HeldLock(client, key, intervalMs, () => failure);
    await client.end();
    if (!waitingReported) options.onWaiting?.();
    waitingReported = true;
    await sleep(intervalMs, undefined, { signal: options.signal });
  }
};

class HeldLock implements Leadership {
  readonly lost: Promise<Error>;
  private released = false;

  constructor(
    private readonly client: pg.Client,
    private readonly key: number,
    intervalMs: number,
    failure: () => Error | undefined,
  ) {
    this.lost = new Promise((resolve) => {
      const heartbeat = setInterval(() => {
        const failed = failure();
        if (failed) return finish(failed);
        client.query('SELECT 1').catch((error: Error) => finish(error));
      }, intervalMs);
      heartbeat.unref();
      const finish = (error: Error) => {
        clearInterval(heartbeat);
        if (!this.released) resolve(error);
      };
      client.once('end', () => finish(new Error('the leader lock session ended')));
    });
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.client.query('SELECT pg_advisory_unlock($1, $2)', [LEADER_LOCK_CLASS, this.key]).catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }
}
