import type { BenchSchema } from './bench-schema.js';

/** On average over the window, how many of this database's sessions were waiting, and on what. */
export interface Waits {
  /** On an advisory lock: the event store's append lock (the lease locks are only ever tried, never waited on). */
  appendLock: number;
  /** On writing or flushing the WAL: the durable commit. */
  walFlush: number;
}

const SAMPLE_MS = 50;

/**
 * Samples pg_stat_activity every SAMPLE_MS until stopped: where the time goes when adding a process
 * adds no throughput although the CPU is not saturated.
 */
export const startWaitSampler = (schema: BenchSchema): (() => Promise<Waits>) => {
  const totals = { appendLock: 0, walFlush: 0, samples: 0 };
  let stopped = false;
  const sampling = (async () => {
    while (!stopped) {
      const { rows } = await schema.query<{ append_lock: string; wal_flush: string }>(
        `SELECT count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory') AS append_lock,
                count(*) FILTER (WHERE wait_event IN ('WALSync', 'WALWrite', 'WALWriteLock')) AS wal_flush
           FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle'`,
      );
      totals.appendLock += Number(rows[0]!.append_lock);
      totals.walFlush += Number(rows[0]!.wal_flush);
      totals.samples++;
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  return async () => {
    stopped = true;
    await sampling;
    const average = (total: number) => Math.round((total / Math.max(1, totals.samples)) * 100) / 100;
    return { appendLock: average(totals.appendLock), walFlush: average(totals.walFlush) };
  };
};
