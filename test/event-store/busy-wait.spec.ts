import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, withinBusyWait } from '#event-store';
import { metadata } from '../support/event-metadata.js';

const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

/** A transaction refused busy `times` times, each refusal `tookMs` on the clock, then committed. */
const refusedBusy = (times: number, tookMs: number) => {
  let clock = 0;
  let tries = 0;
  return {
    now: () => clock,
    tries: () => tries,
    attempt: () => {
      tries++;
      if (tries > times) return 'committed';
      clock += tookMs;
      throw busy;
    },
  };
};

describe('a write transaction SQLite refused busy', () => {
  it('runs again when SQLite gave up before the wait was over, until it commits', async () => {
    const tx = refusedBusy(3, 70);
    await expect(withinBusyWait(tx.attempt, 5000, tx.now)).resolves.toBe('committed');
    expect(tx.tries()).toBe(4);
  });

  it('is refused once the whole wait has passed', async () => {
    const tx = refusedBusy(1000, 70);
    await expect(withinBusyWait(tx.attempt, 5000, tx.now)).rejects.toBe(busy);
    expect(tx.tries()).toBe(Math.ceil(5000 / 70));
  });

  it('is refused at once when its first try waited the whole time (a lock held long)', async () => {
    const tx = refusedBusy(1, 5000);
    await expect(withinBusyWait(tx.attempt, 5000, tx.now)).rejects.toBe(busy);
    expect(tx.tries()).toBe(1);
  });

  it('passes any other failure on at once', async () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    let tries = 0;
    const attempt = () => {
      tries++;
      throw full;
    };
    await expect(withinBusyWait(attempt, 5000)).rejects.toBe(full);
    expect(tries).toBe(1);
  });

  it('on the event log, held by another connection throughout, waits once and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-busy-'));
    const path = join(dir, 'events.db');
    await SqliteEventStore.open({ path }).close();
    const other = new Database(path);
    const store = SqliteEventStore.open({ path, busyTimeoutMs: 200 });
    try {
      other.exec('BEGIN IMMEDIATE');
      const started = performance.now();
      await expect(store.append('s-1', [{ type: 'Thing', data: {}, metadata }], 'no-stream')).rejects.toMatchObject({
        code: 'SQLITE_BUSY',
      });
      expect(performance.now() - started).toBeLessThan(1000);
      other.exec('ROLLBACK');
      expect(await store.headPosition()).toBe(0);
    } finally {
      other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
