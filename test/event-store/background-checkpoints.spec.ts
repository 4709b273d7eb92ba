import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '#event-store';
import { SqliteReadModelStore } from '#projections';
import { metadata } from '../support/event-metadata.js';

const until = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/**
 * Commits never checkpoint inline (that fsync would block the event loop); a worker copies the
 * WAL into the database file in the background. Visible from outside: the database file grows
 * although no commit of ours checkpointed.
 */
describe('WAL checkpoints in the background', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'credence-checkpoints-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the event log WAL into events.db without a commit doing it, and closes cleanly', async () => {
    const path = join(dir, 'events.db');
    const store = SqliteEventStore.open({ path });
    const before = statSync(path).size;
    const data = { text: 'x'.repeat(2000) };
    // ~600 kB: far below the 1000-page WAL at which a commit would checkpoint inline.
    for (let i = 0; i < 300; i++) await store.append(`s-${i}`, [{ type: 'Thing', data, metadata }], 'no-stream');
    await until(() => statSync(path).size > before + 500_000, 'a background checkpoint');
    await store.close();
    const reopened = SqliteEventStore.open({ path });
    expect(await reopened.headPosition()).toBe(300);
    await reopened.close();
  });

  it('does the same for the read models', async () => {
    const path = join(dir, 'read-models.db');
    const store = new SqliteReadModelStore(path);
    const before = statSync(path).size;
    for (let i = 0; i < 200; i++)
      await store.commit('c', i + 1, [{ collection: 'docs', id: `d${i}`, doc: { text: 'y'.repeat(2000) }, index: {} }]);
    await until(() => statSync(path).size > before + 300_000, 'a background checkpoint');
    await store.close();
    await store.close();
    const reopened = new SqliteReadModelStore(path);
    expect(await reopened.checkpoint('c')).toBe(200);
    await reopened.close();
  });

  it('keeps a WAL that writers never pause for near its size limit, losing nothing', async () => {
    const path = join(dir, 'events.db');
    const store = SqliteEventStore.open({ path, walLimitBytes: 1_000_000 });
    let appended = 0;
    let walBytes = 0;
    // Without a pause from the writers a PASSIVE checkpoint never lets SQLite start the WAL from its
    // beginning again, so the file would hold every commit made here: four pages (4 KiB) or more
    // each (the event, its two unique indexes, the stream's version).
    // Paced, so the WAL grows less between two checkpoints than over the whole run.
    const deadline = Date.now() + 3000;
    try {
      while (Date.now() < deadline) {
        await store.append(`s-${appended}`, [{ type: 'Thing', data: { n: appended }, metadata }], 'no-stream');
        appended++;
        await new Promise((r) => setTimeout(r, 1));
      }
      walBytes = statSync(`${path}-wal`).size;
    } finally {
      await store.close();
    }
    expect(walBytes).toBeLessThan((appended * 4 * 4096) / 2);
    const reopened = SqliteEventStore.open({ path });
    expect(await reopened.headPosition()).toBe(appended);
    await reopened.close();
  }, 15_000);

  it('never holds writers back for a reader on an old snapshot: the RESTART gives up, appends go on', async () => {
    const path = join(dir, 'events.db');
    const store = SqliteEventStore.open({ path, walLimitBytes: 1_000_000 });
    await store.append('s-0', [{ type: 'Thing', data: {}, metadata }], 'no-stream');
    // Another connection (a replica, a backup) reading one snapshot throughout.
    const reader = new Database(path);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM events').get();
    let slowest = 0;
    let appended = 1;
    try {
      const deadline = Date.now() + 2500;
      while (Date.now() < deadline) {
        const started = performance.now();
        await store.append(
          `s-${appended}`,
          [{ type: 'Thing', data: { text: 'x'.repeat(2000) }, metadata }],
          'no-stream',
        );
        slowest = Math.max(slowest, performance.now() - started);
        if (++appended % 50 === 0) await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      reader.exec('COMMIT');
      reader.close();
      await store.close();
    }
    // Before, the RESTART waited for the reader for 5 s and the append waiting on it failed busy.
    expect(slowest).toBeLessThan(1000);
    const reopened = SqliteEventStore.open({ path });
    expect(await reopened.headPosition()).toBe(appended);
    await reopened.close();
  }, 15_000);
});
