import { randomUUID } from 'node:crypto';
import { acquireLeadership, type Leadership } from '#event-store';
import { DATABASE_URL, postgresAvailableFor, withClient } from '../support/postgres.js';

/** One board runner and one relay lead at a time: a session advisory lock on the checkpoints' database. */
if (postgresAvailableFor('PostgreSQL leader lock')) {
  describe('PostgreSQL leader lock', () => {
    const held: Leadership[] = [];
    const lead = (name: string, options: { signal?: AbortSignal; onWaiting?: () => void } = {}) =>
      acquireLeadership({ connectionString: DATABASE_URL, name, intervalMs: 50, ...options }).then((leadership) => {
        held.push(leadership);
        return leadership;
      });
    afterEach(async () => {
      await Promise.all(held.splice(0).map((l) => l.release()));
    });

    it('lets one process lead; a standby takes over only when the leader releases', async () => {
      const name = `runner-${randomUUID()}`;
      const leader = await lead(name);
      let waiting = false;
      let standbyLeads = false;
      const standby = lead(name, { onWaiting: () => (waiting = true) }).then((l) => ((standbyLeads = true), l));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(waiting).toBe(true);
      expect(standbyLeads).toBe(false);
      await leader.release();
      await standby;
      expect(standbyLeads).toBe(true);
    });

    it('keeps different names apart', async () => {
      await lead(`runner-${randomUUID()}`);
      await expect(lead(`relay-${randomUUID()}`)).resolves.toBeDefined();
    });

    it('tells the leader when its session is gone, and frees the lock for the standby', async () => {
      const name = `relay-${randomUUID()}`;
      const leader = await lead(name);
      const standby = lead(name);
      await withClient((client) =>
        client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()
                      AND state IS NOT NULL AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`,
          [`credence leader ${name}`.slice(0, 63)],
        ),
      );
      await expect(leader.lost).resolves.toBeInstanceOf(Error);
      await expect(standby).resolves.toBeDefined();
    });

    it('stops waiting when aborted', async () => {
      const name = `runner-${randomUUID()}`;
      await lead(name);
      const abort = new AbortController();
      const standby = lead(name, { signal: abort.signal });
      abort.abort();
      await expect(standby).rejects.toThrow();
    });
  });
}
