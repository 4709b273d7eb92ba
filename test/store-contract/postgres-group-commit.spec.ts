import { randomUUID } from 'node:crypto';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor, withClient } from '../support/postgres.js';
import { ConcurrencyConflict } from '#event-store';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store.js';
import { newEvent } from './event-store.contract.js';

/**
 * Group commit in the PostgreSQL adapter: appends in flight together share one transaction, yet
 * each is checked, written and answered as if it ran alone.
 */
if (postgresAvailableFor('PostgresEventStore group commit')) {
  describe('PostgresEventStore group commit', () => {
    let schema: string;
    let store: PostgresEventStore;
    beforeEach(async () => {
      schema = freshSchema('credence_test');
      store = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema });
    });
    afterEach(async () => {
      await store.close();
      await dropSchema(schema);
    });

    /** The transaction (xmin) that wrote each stream's events. */
    const transactionsByStream = () =>
      withClient(async (client) => {
        const { rows } = await client.query<{ stream_id: string; xmin: string }>(
          `SELECT DISTINCT stream_id, xmin::text AS xmin FROM "${schema}".events`,
        );
        return new Map(rows.map((row) => [row.stream_id, row.xmin]));
      });

    it('commits appends that arrive together in one transaction, each stream at its own versions and contiguous positions', async () => {
      const streams = Array.from({ length: 40 }, (_, i) => `enrolment-${i}`);
      const results = await Promise.all(
        streams.map((streamId, i) => store.append(streamId, [newEvent('A', { i }), newEvent('B', { i })], 'no-stream')),
      );

      const transactions = await transactionsByStream();
      // The first append starts alone; the other 39 were queued behind it and share the next commit.
      expect(new Set(transactions.values()).size).toBeLessThanOrEqual(2);
      for (const [i, streamId] of streams.entries()) {
        const events = await store.read(streamId);
        expect(events.map((e) => [e.type, e.streamVersion, (e.data as { i: number }).i])).toEqual([
          ['A', 1, i],
          ['B', 2, i],
        ]);
        expect(events[1]!.position).toBe(events[0]!.position + 1);
        expect(results[i]).toEqual({ nextExpectedVersion: 2, lastPosition: events[1]!.position });
      }
    });

    it('refuses only the append whose expected version is wrong; the rest of its batch is written', async () => {
      await store.append('taken', [newEvent('A')], 'no-stream');
      const blocker = store.append('blocker', [newEvent('A')], 'no-stream');
      const [ok1, conflict, ok2] = await Promise.allSettled([
        store.append('fresh-1', [newEvent('A')], 'no-stream'),
        store.append('taken', [newEvent('B')], 'no-stream'),
        store.append('fresh-2', [newEvent('A')], 'no-stream'),
      ]);
      await blocker;

      expect(ok1.status).toBe('fulfilled');
      expect(ok2.status).toBe('fulfilled');
      expect(conflict.status === 'rejected' && conflict.reason).toBeInstanceOf(ConcurrencyConflict);
      expect(conflict.status === 'rejected' && conflict.reason).toMatchObject({
        streamId: 'taken',
        expected: 'no-stream',
        actual: 1,
      });
      expect((await store.read('taken')).map((e) => e.type)).toEqual(['A']);
      const transactions = await transactionsByStream();
      expect(transactions.get('fresh-1')).toBe(transactions.get('fresh-2'));
    });

    it('commits appendAll units with the appends beside them; a refused unit is rolled back alone', async () => {
      await store.append('taken', [newEvent('A')], 'no-stream');
      const blocker = store.append('blocker', [newEvent('A')], 'no-stream');
      const [single, unit, refusedUnit] = await Promise.allSettled([
        store.append('single', [newEvent('A')], 'no-stream'),
        store.appendAll([
          { streamId: 'unit-a', events: [newEvent('A')], expected: 'no-stream' },
          { streamId: 'unit-b', events: [newEvent('B')], expected: 'no-stream' },
          { streamId: 'unit-a', events: [newEvent('C')], expected: 1 },
        ]),
        store.appendAll([
          { streamId: 'unit-c', events: [newEvent('A')], expected: 'no-stream' },
          { streamId: 'taken', events: [newEvent('B')], expected: 'no-stream' },
        ]),
      ]);
      await blocker;

      expect(single.status).toBe('fulfilled');
      expect(unit.status === 'fulfilled' && unit.value.map((r) => r.nextExpectedVersion)).toEqual([1, 1, 2]);
      expect(refusedUnit.status === 'rejected' && refusedUnit.reason).toMatchObject({ streamId: 'taken', actual: 1 });
      expect(await store.read('unit-c')).toEqual([]);
      expect((await store.read('unit-a')).map((e) => e.type)).toEqual(['A', 'C']);
      // (Rows written inside a savepoint carry its subtransaction's xmin, so xmin cannot show the shared commit here.)
    });

    it('fails only the append that reuses an event id, and writes every other append of its batch', async () => {
      const id = randomUUID();
      await store.append('first', [newEvent('A', {}, id)], 'no-stream');
      const blocker = store.append('blocker', [newEvent('A')], 'no-stream');
      const [before, duplicate, after] = await Promise.allSettled([
        store.append('before', [newEvent('A')], 'no-stream'),
        store.append('duplicate', [newEvent('Fine'), newEvent('Dup', {}, id)], 'no-stream'),
        store.append('after', [newEvent('A')], 'no-stream'),
      ]);
      await blocker;

      expect([before.status, after.status]).toEqual(['fulfilled', 'fulfilled']);
      expect(duplicate.status === 'rejected' && String(duplicate.reason)).toMatch(/append to duplicate rejected/);
      expect(await store.read('duplicate')).toEqual([]);
      expect(await store.read('before')).toHaveLength(1);
      expect(await store.read('after')).toHaveLength(1);
    });

    it('runs two appends to one stream in flight together one after the other, the second seeing the first', async () => {
      const [first, second] = await Promise.all([
        store.append('course-1', [newEvent('A')], 'no-stream'),
        store.append('course-1', [newEvent('B')], 1),
      ]);
      expect(first.nextExpectedVersion).toBe(1);
      expect(second.nextExpectedVersion).toBe(2);
      expect((await store.read('course-1')).map((e) => [e.type, e.streamVersion])).toEqual([
        ['A', 1],
        ['B', 2],
      ]);
    });

    it("appends with 'any' inside a batch at the stream's current version", async () => {
      await store.append('s', [newEvent('A'), newEvent('B')], 'no-stream');
      const blocker = store.append('blocker', [newEvent('A')], 'no-stream');
      const [any] = await Promise.all([
        store.append('s', [newEvent('C')], 'any'),
        store.append('t', [newEvent('A')], 'any'),
        blocker,
      ]);
      expect(any.nextExpectedVersion).toBe(3);
      expect((await store.read('s')).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    });
  });
}
