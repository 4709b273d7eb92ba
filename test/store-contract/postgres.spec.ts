import { randomUUID } from 'node:crypto';
import { getEventListeners } from 'node:events';
import pg from 'pg';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor } from '../support/postgres.js';
import { ConcurrencyConflict, type EventStore, type RecordedEvent } from '#event-store';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import {
  collect,
  describeEventStoreContract,
  metadata,
  newEvent,
  sleep,
  take,
  within,
} from './event-store.contract.js';

/**
 * Runs against a real PostgreSQL (DATABASE_URL, default: the local trust-auth server). Every test
 * gets its own schema, dropped afterwards. Without a reachable database the suite is skipped
 * loudly, except on CI (CI=true), where it fails.
 */
/** A fresh schema plus as many store instances (each with its own pool) as a test asks for. */
const withSchema = () => {
  const schema = freshSchema('credence_test');
  const stores: PostgresEventStore[] = [];
  return {
    schema,
    open: async (options: { pollIntervalMs?: number; poolSize?: number } = {}) => {
      const store = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, ...options });
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      await Promise.all(stores.map((s) => s.close()));
      await dropSchema(schema);
    },
  };
};

const createStore = async (): Promise<{ store: EventStore; cleanup: () => Promise<void> }> => {
  const db = withSchema();
  // A poll far beyond the contract's timeouts: live delivery must come from LISTEN/NOTIFY.
  const store = await db.open({ pollIntervalMs: 60_000 });
  return { store, cleanup: db.cleanup };
};

if (postgresAvailableFor('PostgresEventStore')) {
  describeEventStoreContract('PostgresEventStore', createStore);

  describe('PostgresEventStore specifics', () => {
    let db: ReturnType<typeof withSchema>;
    beforeEach(() => {
      db = withSchema();
    });
    afterEach(async () => {
      await db.cleanup();
    });

    it('delivers every event exactly once, in position order, to a subscriber on another instance while four writers on two pools append concurrently', async () => {
      const [a, b, reader] = await Promise.all([db.open(), db.open(), db.open({ pollIntervalMs: 50 })]);
      const writers = 4;
      const perWriter = 50;
      const subscription = take(reader, 0, writers * perWriter, { timeoutMs: 20_000 });

      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          const store = w % 2 === 0 ? a : b;
          const streamId = `writer-${w}`;
          let version = 0;
          while (version < perWriter) {
            // Mixed batch sizes (1..3) so multi-row appends interleave with single ones.
            const size = Math.min(1 + ((version + w) % 3), perWriter - version);
            const batch = Array.from({ length: size }, (_, i) => newEvent('Written', { w, n: version + i + 1 }));
            ({ nextExpectedVersion: version } = await store.append(streamId, batch, version));
          }
        }),
      );
      const received = await subscription;

      expect(received.length).toBe(writers * perWriter);
      expect(new Set(received.map((e) => e.id)).size).toBe(writers * perWriter);
      for (let i = 1; i < received.length; i++) {
        expect(received[i]!.position).toBeGreaterThan(received[i - 1]!.position);
      }
      for (let w = 0; w < writers; w++) {
        const mine = received.filter((e) => e.streamId === `writer-${w}`);
        expect(mine.map((e) => e.streamVersion)).toEqual(Array.from({ length: perWriter }, (_, i) => i + 1));
        expect(mine.map((e) => (e.data as { n: number }).n)).toEqual(
          Array.from({ length: perWriter }, (_, i) => i + 1),
        );
      }
      expect(received.at(-1)!.position).toBe(await reader.headPosition());
    });

    it('keeps its data across close and reconnect', async () => {
      const first = await db.open();
      await first.append(
        'learner-1',
        [newEvent('Enrolled', { course: 'c-1' }), newEvent('Passed', { score: 9 })],
        'no-stream',
      );
      await first.append('learner-2', [newEvent('Enrolled', { course: 'c-2' })], 'no-stream');
      const before = await first.read('learner-1');
      const head = await first.headPosition();
      await first.close();

      const second = await db.open();
      expect(await second.read('learner-1')).toEqual(before);
      expect(await second.headPosition()).toBe(head);
      await expect(second.append('learner-1', [newEvent('Late')], 1)).rejects.toBeInstanceOf(ConcurrencyConflict);
      const next = await second.append('learner-1', [newEvent('Certified')], 2);
      expect(next.nextExpectedVersion).toBe(3);
      expect(next.lastPosition).toBeGreaterThan(head);
    });

    it('lets exactly one of two instances win a race for the same stream version', async () => {
      const [a, b] = await Promise.all([db.open(), db.open()]);
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? a : b).append('contested', [newEvent('Claimed', { i }), newEvent('Again', { i })], 'no-stream'),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(9);
      for (const r of lost) {
        expect(r.reason).toBeInstanceOf(ConcurrencyConflict);
        expect((r.reason as ConcurrencyConflict).actual).toBe(2);
      }
      expect((await a.read('contested')).map((e) => e.streamVersion)).toEqual([1, 2]);
    });

    it('wakes subscribers through LISTEN/NOTIFY, without waiting for the poll', async () => {
      const [writer, reader] = await Promise.all([db.open(), db.open({ pollIntervalMs: 60_000 })]);
      await writer.append('s-1', [newEvent('First')], 'no-stream');
      const controller = new AbortController();
      const received: RecordedEvent[] = [];
      const done = (async () => {
        for await (const e of reader.subscribe(0, { signal: controller.signal })) {
          received.push(e);
          if (received.length === 3) break;
        }
      })();
      // Let the subscription catch up and go to sleep before the next appends.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      await writer.append('s-1', [newEvent('Second')], 1);
      await writer.append('s-2', [newEvent('Third')], 'no-stream');
      const timeout = setTimeout(() => controller.abort(), 5_000);
      await done;
      clearTimeout(timeout);
      expect(received.map((e) => e.type)).toEqual(['First', 'Second', 'Third']);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('falls back to polling when no notification arrives', async () => {
      const store = await db.open({ pollIntervalMs: 50 });
      await store.append('course-1', [newEvent('A')], 'no-stream');
      let foreign: Promise<unknown> = Promise.resolve();
      const received = await take(store, 0, 2, {
        onEvent: (n) => {
          // A foreign writer that sends no NOTIFY: only the poll can see its event.
          if (n === 1) {
            foreign = sleep(100).then(async () => {
              const raw = new pg.Client({ connectionString: DATABASE_URL });
              await raw.connect();
              try {
                await raw.query(
                  `INSERT INTO "${db.schema}".events (id, stream_id, stream_version, type, data, metadata) VALUES ($1, 'course-2', 1, 'Silent', '{}', $2)`,
                  [randomUUID(), JSON.stringify(metadata())],
                );
              } finally {
                await raw.end();
              }
            });
          }
        },
      });
      await foreign;
      expect(received.map((e) => e.type)).toEqual(['A', 'Silent']);
    });

    it('ends open subscriptions cleanly on close(), releases its connections, then refuses further work', async () => {
      const store = await db.open({ pollIntervalMs: 60_000 });
      await store.append('course-1', [newEvent('A'), newEvent('B')], 'no-stream');
      const waiting: RecordedEvent[] = [];
      const busy: RecordedEvent[] = [];
      let release!: () => void;
      const paused = new Promise<void>((resolve) => (release = resolve));
      const waitingConsumer = (async () => {
        for await (const e of store.subscribe(0)) waiting.push(e);
        return 'ended';
      })();
      // Suspended at a yield (busy with its first event) while the store closes.
      const busyConsumer = (async () => {
        for await (const e of store.subscribe(0)) {
          busy.push(e);
          await paused;
        }
        return 'ended';
      })();
      await sleep(200);
      const connections = async () => {
        const client = new pg.Client({ connectionString: DATABASE_URL });
        await client.connect();
        try {
          const { rows } = await client.query<{ application_name: string }>(
            'SELECT application_name FROM pg_stat_activity WHERE application_name IN ($1, $2)',
            [`event-store ${db.schema}`, `event-store-listener ${db.schema}`],
          );
          return rows.map((r) => r.application_name.split(' ')[0]);
        } finally {
          await client.end();
        }
      };
      const before = await connections();
      expect(before.filter((n) => n === 'event-store-listener')).toHaveLength(1);
      expect(before.filter((n) => n === 'event-store').length).toBeGreaterThanOrEqual(1);

      await within(store.close(), 3000, 'close()');
      release();

      expect(await within(waitingConsumer, 3000, 'the waiting subscription')).toBe('ended');
      expect(await within(busyConsumer, 3000, 'the busy subscription')).toBe('ended');
      expect(waiting.map((e) => e.type)).toEqual(['A', 'B']);
      expect(busy.map((e) => e.type)).toEqual(['A']);
      expect(await connections()).toEqual([]);
      await expect(store.close()).resolves.toBeUndefined();
      await expect(store.append('course-1', [newEvent('C')], 2)).rejects.toThrow(/closed/);
      await expect(store.read('course-1')).rejects.toThrow(/closed/);
      await expect(store.headPosition()).rejects.toThrow(/closed/);
      await expect(collect(store.readAll(0))).rejects.toThrow(/closed/);
      expect(await collect(store.subscribe(0))).toEqual([]);
    });

    it('removes its abort listeners once a subscription ends', async () => {
      const store = await db.open({ pollIntervalMs: 10 });
      await store.append('course-1', [newEvent('First')], 'no-stream');
      const controller = new AbortController();
      let appends: Promise<unknown> = Promise.resolve();
      const received: RecordedEvent[] = [];
      for await (const e of store.subscribe(0, { signal: controller.signal })) {
        received.push(e);
        expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
        if (received.length === 1) {
          appends = (async () => {
            for (let i = 0; i < 5; i++) {
              await sleep(25);
              await store.append('course-1', [newEvent('Next')], 'any');
            }
          })();
        }
        if (received.length === 6) break;
      }
      await appends;
      expect(received).toHaveLength(6);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    });

    it('reports a UNIQUE(stream_id, stream_version) violation by a foreign writer as a ConcurrencyConflict', async () => {
      const store = await db.open();
      await store.append('course-1', [newEvent('A')], 'no-stream');
      // A foreign writer that claims version 2 without maintaining the streams table.
      const raw = new pg.Client({ connectionString: DATABASE_URL });
      await raw.connect();
      try {
        await raw.query(
          `INSERT INTO "${db.schema}".events (id, stream_id, stream_version, type, data, metadata) VALUES ($1, 'course-1', 2, 'Foreign', '{}', $2)`,
          [randomUUID(), JSON.stringify(metadata())],
        );
      } finally {
        await raw.end();
      }
      const head = await store.headPosition();
      const error = await store.append('course-1', [newEvent('B'), newEvent('C')], 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyConflict);
      expect(error).toMatchObject({ streamId: 'course-1', expected: 1, actual: 2 });
      expect(await store.headPosition()).toBe(head);
      expect((await store.read('course-1')).map((e) => e.type)).toEqual(['A', 'Foreign']);
    });

    it('checks the expected version even for an empty append', async () => {
      const store = await db.open();
      await store.append('course-1', [newEvent('A')], 'no-stream');
      const head = await store.headPosition();
      await store.append('course-2', [newEvent('B')], 'no-stream');

      expect(await store.append('course-1', [], 1)).toEqual({ nextExpectedVersion: 1, lastPosition: head });
      await expect(store.append('course-1', [], 0)).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect(await store.append('course-9', [], 'no-stream')).toEqual({ nextExpectedVersion: 0, lastPosition: 0 });
    });

    it('creates the schema idempotently, even from concurrent connects', async () => {
      const stores = await Promise.all(Array.from({ length: 4 }, () => db.open()));
      await stores[0]!.append('s', [newEvent('A')], 'no-stream');
      expect(await stores[3]!.read('s')).toHaveLength(1);
    });

    it('round-trips any JSON data (arrays, strings, null, key order) through the json columns', async () => {
      const store = await db.open();
      const data = [
        [1, 'two', { three: [3] }],
        'plain string',
        null,
        42,
        { nested: { list: [] as unknown[], quote: 'a"b\\c\u0000' } },
        { zz: 1, a: 2, mm: 3 },
      ];
      await store.append(
        'json',
        data.map((d) => newEvent('Json', d)),
        'no-stream',
      );
      const events = await store.read('json');
      expect(events.map((e) => e.data)).toEqual(data);
      // Byte-for-byte: key order survives (jsonb would reorder), so hashes over payloads stay stable.
      expect(JSON.stringify(events.at(-1)!.data)).toBe('{"zz":1,"a":2,"mm":3}');
      expect((await store.read('json'))[0]!.metadata).toEqual(metadata());
    });

    it('appends a large batch atomically in one statement, and keeps stream order equal to position order', async () => {
      const store = await db.open();
      const batch = Array.from({ length: 12_000 }, (_, i) => newEvent('Bulk', { i }));
      const result = await store.append('bulk', batch, 'no-stream');
      expect(result.nextExpectedVersion).toBe(12_000);
      const events = await store.read('bulk');
      expect(events).toHaveLength(12_000);
      expect(result.lastPosition).toBe(events.at(-1)!.position);
      events.forEach((e, i) => {
        expect((e.data as { i: number }).i).toBe(i);
        if (i > 0) expect(e.position).toBe(events[i - 1]!.position + 1);
      });
    });

    it('rolls back the whole append when one event is invalid', async () => {
      const store = await db.open();
      const id = randomUUID();
      await store.append('a', [{ ...newEvent('One'), id }], 'no-stream');
      await expect(store.append('b', [newEvent('Fine'), { ...newEvent('Dup'), id }], 'no-stream')).rejects.toThrow();
      expect(await store.read('b')).toEqual([]);
      await store.append('b', [newEvent('Fine')], 'no-stream');
      expect((await store.read('b')).map((e) => e.streamVersion)).toEqual([1]);
    });

    it('treats LIKE wildcards in stream prefixes literally', async () => {
      const store = await db.open();
      await store.append('a_b-1', [newEvent('Hit')], 'no-stream');
      await store.append('axb-1', [newEvent('Miss')], 'no-stream');
      await store.append('a%-1', [newEvent('Pct')], 'no-stream');
      const read = async (prefix: string) => {
        const out: string[] = [];
        for await (const e of store.readAll(0, { streamPrefixes: [prefix] })) out.push(e.streamId);
        return out;
      };
      expect(await read('a_b')).toEqual(['a_b-1']);
      expect(await read('a%')).toEqual(['a%-1']);
    });
  });
}
