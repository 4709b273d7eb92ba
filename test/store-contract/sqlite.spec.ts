import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { getEventListeners } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ConcurrencyConflict, SqliteEventStore, type RecordedEvent } from '#event-store';
import {
  collect,
  describeEventStoreContract,
  metadata,
  newEvent,
  sleep,
  take,
  within,
} from './event-store.contract.js';

const tempDatabase = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'credence-event-store-'));
  return { dir, path: join(dir, 'events.db') };
};

describeEventStoreContract('SqliteEventStore (WAL file)', async () => {
  const { dir, path } = await tempDatabase();
  const store = SqliteEventStore.open({ path });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteEventStore', () => {
  let dir: string;
  let path: string;
  const opened: SqliteEventStore[] = [];
  const open = (pollIntervalMs?: number) => {
    const store = SqliteEventStore.open({ path, ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }) });
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    ({ dir, path } = await tempDatabase());
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uses WAL journaling on the file', async () => {
    const store = open();
    await store.append('course-1', [newEvent('A')], 'no-stream');

    expect(existsSync(`${path}-wal`)).toBe(true);
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('lets a second instance on the same file see appends of the first through subscribe (polling)', async () => {
    const writer = open();
    const reader = open(20);
    await writer.append('course-1', [newEvent('A')], 'no-stream');
    let live: Promise<unknown> = Promise.resolve();

    const received = await take(reader, 0, 4, {
      onEvent: (n) => {
        // The reader is waiting now; only its poll timer can tell it about the writer's appends.
        if (n === 1) {
          live = (async () => {
            await sleep(50);
            await writer.append('course-1', [newEvent('B'), newEvent('C')], 1);
            await sleep(50);
            await writer.append('learner-1', [newEvent('D')], 'no-stream');
          })();
        }
      },
    });
    await live;

    expect(received.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    expect(received.map((e) => e.id)).toEqual((await collect(writer.readAll(0))).map((e) => e.id));
  });

  it('detects conflicts between instances sharing the file', async () => {
    const a = open();
    const b = open();
    await a.append('course-1', [newEvent('A')], 'no-stream');

    const error = await b.append('course-1', [newEvent('B')], 'no-stream').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyConflict);
    expect(error).toMatchObject({ actual: 1 });
    expect((await b.append('course-1', [newEvent('B')], 1)).nextExpectedVersion).toBe(2);
    expect((await a.read('course-1')).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('reports a UNIQUE(stream_id, stream_version) violation as a ConcurrencyConflict', async () => {
    const store = open();
    await store.append('course-1', [newEvent('A')], 'no-stream');
    // A foreign writer that claims version 2 behind this store's back.
    const raw = new Database(path);
    try {
      raw
        .prepare(
          `INSERT INTO events (id, stream_id, stream_version, type, data, metadata, recorded_at)
           VALUES ('foreign-1', 'course-1', 2, 'Foreign', '{}', ?, ?)`,
        )
        .run(JSON.stringify(metadata()), new Date().toISOString());
    } finally {
      raw.close();
    }
    const head = await store.headPosition();

    const error = await store.append('course-1', [newEvent('B'), newEvent('C')], 1).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConcurrencyConflict);
    expect(error).toMatchObject({ streamId: 'course-1', expected: 1, actual: 2 });
    expect(await store.headPosition()).toBe(head);
    expect((await store.read('course-1')).map((e) => e.type)).toEqual(['A', 'Foreign']);
  });

  it('keeps the data across close and reopen, and never reuses positions', async () => {
    const first = open();
    await first.append('course-1', [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })], 'no-stream');
    await first.append('learner-1', [newEvent('C', { é: 'ü' })], 'no-stream');
    const before = await collect(first.readAll(0));
    const head = await first.headPosition();
    await first.close();

    const second = open();
    expect(await collect(second.readAll(0))).toEqual(before);
    expect(await second.headPosition()).toBe(head);
    expect((await second.read('course-1')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    const error = await second.append('course-1', [newEvent('X')], 'no-stream').catch((e: unknown) => e);
    expect(error).toMatchObject({ actual: 2 });
    const next = await second.append('course-1', [newEvent('D')], 2);
    expect(next).toEqual({ nextExpectedVersion: 3, lastPosition: head + 1 });
  });

  it('wakes local subscribers on append and on abort at once, without waiting for the poll', async () => {
    const store = open(60_000);
    await store.append('course-1', [newEvent('A')], 'no-stream');
    const controller = new AbortController();
    const arrivals: number[] = [];
    let appendedAt = 0;

    const consume = (async () => {
      for await (const event of store.subscribe(0, { signal: controller.signal })) {
        arrivals.push(Date.now() - appendedAt);
        if (event.type === 'A') {
          setTimeout(() => {
            appendedAt = Date.now();
            void store.append('course-1', [newEvent('B')], 1);
          }, 30);
        } else {
          setTimeout(() => controller.abort(), 30);
        }
      }
      return 'ended';
    })();

    expect(await within(consume, 1000, 'the subscription (abort must not wait for the poll)')).toBe('ended');
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]).toBeLessThan(500);
  });

  it('ends open subscriptions cleanly on close, then refuses further work', async () => {
    const store = open(60_000);
    await store.append('course-1', [newEvent('A'), newEvent('B')], 'no-stream');
    const waiting: RecordedEvent[] = [];
    const busy: RecordedEvent[] = [];
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));

    const waitingConsumer = (async () => {
      for await (const event of store.subscribe(0)) waiting.push(event);
      return 'ended';
    })();
    // This one is busy with its first event (suspended at a yield) while the store closes.
    const busyConsumer = (async () => {
      for await (const event of store.subscribe(0)) {
        busy.push(event);
        await paused;
      }
      return 'ended';
    })();
    await sleep(30);

    await store.close();
    release();

    expect(await within(waitingConsumer, 3000, 'the waiting subscription')).toBe('ended');
    expect(await within(busyConsumer, 3000, 'the busy subscription')).toBe('ended');
    expect(waiting.map((e) => e.type)).toEqual(['A', 'B']);
    expect(busy.map((e) => e.type)).toEqual(['A']);
    await expect(store.close()).resolves.toBeUndefined();
    await expect(store.append('course-1', [newEvent('C')], 2)).rejects.toThrow(/closed/);
    await expect(store.read('course-1')).rejects.toThrow(/closed/);
    await expect(store.headPosition()).rejects.toThrow(/closed/);
    expect(await collect(store.subscribe(0))).toEqual([]);
  });

  it('removes its abort listeners once a subscription ends', async () => {
    const store = open(10);
    await store.append('course-1', [newEvent('First')], 'no-stream');
    const controller = new AbortController();
    let appends: Promise<unknown> = Promise.resolve();
    const received: RecordedEvent[] = [];

    for await (const event of store.subscribe(0, { signal: controller.signal })) {
      received.push(event);
      expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
      if (received.length === 1) {
        appends = (async () => {
          for (let i = 0; i < 5; i++) {
            await sleep(25); // several poll timeouts pass in between
            await store.append('course-1', [newEvent('Next')], 'any');
          }
        })();
      }
      if (received.length === 6) break;
    }
    await appends;
    expect(received).toHaveLength(6);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  }, 10_000);

  it('checks the expected version even for an empty append', async () => {
    const store = open();
    await store.append('course-1', [newEvent('A')], 'no-stream');
    const head = await store.headPosition();

    expect(await store.append('course-1', [], 1)).toEqual({ nextExpectedVersion: 1, lastPosition: head });
    await expect(store.append('course-1', [], 0)).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect(await store.append('course-9', [], 'no-stream')).toEqual({ nextExpectedVersion: 0, lastPosition: 0 });
  });

  it('reads a stream it read before from memory plus what any instance appended since', async () => {
    const reader = open();
    const writer = open();
    await reader.append('enrolment-1', [newEvent('A'), newEvent('B')], 'no-stream');
    const first = await reader.read('enrolment-1');
    await writer.append('enrolment-1', [newEvent('C')], 2);
    await reader.append('enrolment-1', [newEvent('D')], 3);

    const again = await reader.read('enrolment-1');
    expect(again.map((e) => [e.type, e.streamVersion])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 3],
      ['D', 4],
    ]);
    // The first two are the events read before, not parsed again; the caller's array is its own.
    expect(again[0]).toBe(first[0]);
    again.length = 0;
    const third = await reader.read('enrolment-1');
    expect(third).toHaveLength(4);
    expect(third[0]).toBe(first[0]);
  });

  it('keeps a stream read from memory whole under every interleaving with another connection', async () => {
    const reader = open();
    const writer = open();
    // Its own append, then another connection's right after: the next read has both.
    await reader.append('enrolment-1', [newEvent('A')], 'no-stream');
    await reader.read('enrolment-1');
    await writer.append('enrolment-1', [newEvent('B')], 1);
    expect((await reader.read('enrolment-1')).map((e) => e.type)).toEqual(['A', 'B']);
    // Another connection commits to a different stream, then to this one: both reads are whole.
    await writer.append('course-1', [newEvent('C')], 'no-stream');
    expect((await reader.read('enrolment-1')).map((e) => e.type)).toEqual(['A', 'B']);
    await writer.append('enrolment-1', [newEvent('D')], 2);
    // A raw connection, as another process would be, between the reader's read and its append:
    // the append is refused, and the read after it has what that connection wrote.
    const raw = new Database(path);
    raw
      .prepare(
        "INSERT INTO events (id, stream_id, stream_version, type, data, metadata, recorded_at) VALUES ('raw-e', 'enrolment-1', 4, 'E', 'null', '{}', '2026-01-01T00:00:00.000Z')",
      )
      .run();
    raw.close();
    await expect(reader.append('enrolment-1', [newEvent('X')], 3)).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect((await reader.read('enrolment-1')).map((e) => e.type)).toEqual(['A', 'B', 'D', 'E']);
    await reader.append('enrolment-1', [newEvent('F')], 4);
    expect((await reader.read('enrolment-1')).map((e) => e.type)).toEqual(['A', 'B', 'D', 'E', 'F']);
    expect((await writer.read('enrolment-1')).map((e) => e.type)).toEqual(['A', 'B', 'D', 'E', 'F']);
  });

  it('forgets the least recently read streams beyond its capacity, and reads them whole again', async () => {
    const store = SqliteEventStore.open({ path, recentStreams: 2 });
    opened.push(store);
    for (const stream of ['s-1', 's-2', 's-3']) await store.append(stream, [newEvent('A')], 'no-stream');
    const s1 = await store.read('s-1');
    await store.read('s-2');
    expect((await store.read('s-1'))[0]).toBe(s1[0]); // s-1 is now the most recent
    await store.read('s-3'); // drops s-2

    const s2 = await store.read('s-2');
    expect(s2.map((e) => e.type)).toEqual(['A']);
    expect((await store.read('s-1'))[0]).not.toBe(s1[0]); // s-2 dropped s-1 in turn
  });

  it('hands subscribers its own appends from memory, and whatever another instance appended in between from the file', async () => {
    const store = open(10);
    const other = open();
    await store.append('enrolment-1', [newEvent('A', { n: 1 })], 'no-stream');
    await store.append('enrolment-1', [newEvent('B', { n: 2 })], 1);
    const received = take(store, 0, 6);
    await sleep(30); // the subscriber has A and B and waits
    // Both land before the subscriber runs again: it is woken with C, D and E all past its position.
    const foreign = other.append('course-1', [newEvent('C', { n: 3 })], 'no-stream');
    const local = store.append('enrolment-1', [newEvent('D', { n: 4 }), newEvent('E', { n: 5 })], 2);
    await Promise.all([foreign, local]);
    await other.append('course-1', [newEvent('F', { n: 6 })], 1);

    const events = await received;
    expect(events.map((e) => [e.type, e.position, e.streamId, e.streamVersion, e.data])).toEqual([
      ['A', 1, 'enrolment-1', 1, { n: 1 }],
      ['B', 2, 'enrolment-1', 2, { n: 2 }],
      ['C', 3, 'course-1', 1, { n: 3 }],
      ['D', 4, 'enrolment-1', 3, { n: 4 }],
      ['E', 5, 'enrolment-1', 4, { n: 5 }],
      ['F', 6, 'course-1', 2, { n: 6 }],
    ]);
    expect(events).toEqual(await collect(other.readAll(0)));
  });

  it('filters what it hands over from memory as a query would', async () => {
    const store = open();
    const after = await store.headPosition();
    await store.append('enrolment-1', [newEvent('MarkRecorded'), newEvent('Other')], 'no-stream');
    await store.append('course-1', [newEvent('MarkRecorded')], 'no-stream');
    await store.append('enrolment-2', [newEvent('MarkRecorded')], 'no-stream');

    const marks = await take(store, after, 2, {
      filter: { streamPrefixes: ['enrolment-'], eventTypes: ['MarkRecorded'] },
    });
    expect(marks.map((e) => [e.streamId, e.type])).toEqual([
      ['enrolment-1', 'MarkRecorded'],
      ['enrolment-2', 'MarkRecorded'],
    ]);
  });

  it('gives subscribers and readers events that share nothing with the objects appended', async () => {
    const store = open();
    const data = { marks: [50] };
    const event = newEvent('A', data);
    await store.append('enrolment-1', [event], 'no-stream');
    data.marks.push(99);
    (event.metadata as { actor: string }).actor = 'someone else';

    const [subscribed] = await take(store, 0, 1);
    const [read] = await store.read('enrolment-1');
    for (const seen of [subscribed!, read!]) {
      expect(seen.data).toEqual({ marks: [50] });
      expect(seen.metadata.actor).toBe(metadata().actor);
    }
  });

  it('keeps working on a file made with the earlier schema (AUTOINCREMENT and a streams table)', async () => {
    const raw = new Database(path);
    try {
      raw.exec(`
        CREATE TABLE events (
          position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
          stream_version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
          recorded_at TEXT NOT NULL, UNIQUE (stream_id, stream_version));
        CREATE TABLE streams (stream_id TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;`);
      const insert = raw.prepare(
        `INSERT INTO events (id, stream_id, stream_version, type, data, metadata, recorded_at) VALUES (?, 'course-1', ?, ?, '{}', ?, '2026-01-01T00:00:00Z')`,
      );
      insert.run('old-1', 1, 'A', JSON.stringify(metadata()));
      insert.run('old-2', 2, 'B', JSON.stringify(metadata()));
      raw.prepare(`INSERT INTO streams (stream_id, version) VALUES ('course-1', 2)`).run();
    } finally {
      raw.close();
    }
    const store = open();

    await expect(store.append('course-1', [newEvent('X')], 1)).rejects.toMatchObject({ expected: 1, actual: 2 });
    await store.append('course-1', [newEvent('C')], 2);
    await store.append('course-2', [newEvent('D')], 'no-stream');
    expect((await store.read('course-1')).map((e) => [e.type, e.streamVersion, e.position])).toEqual([
      ['A', 1, 1],
      ['B', 2, 2],
      ['C', 3, 3],
    ]);
    expect((await collect(store.readAll(0))).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('works in memory', async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    try {
      await store.append('course-1', [newEvent('A')], 'no-stream');
      expect((await store.read('course-1')).map((e) => e.type)).toEqual(['A']);
      expect(await store.headPosition()).toBe(1);
    } finally {
      await store.close();
    }
  });
});
