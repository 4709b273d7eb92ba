/**
 * Behaviour every EventStore adapter must show. An adapter's spec calls
 * `describeEventStoreContract(name, createStore)`; each test gets a fresh, empty store.
 */
import {
  ConcurrencyConflict,
  type EventFilter,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '#event-store';

export interface StoreUnderTest {
  store: EventStore;
  cleanup: () => Promise<void>;
}

export const metadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  actor: 'user-1',
  role: 'registrar',
  correlationId: 'corr-1',
  causationId: null,
  occurredAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

export const newEvent = (type: string, data: unknown = {}, id?: string): NewEvent => ({
  ...(id === undefined ? {} : { id }),
  type,
  data,
  metadata: metadata(),
});

export const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Follows `store.subscribe(after)` until `count` events arrived, then stops. Gives up (returning
 * what it has, so the assertion fails instead of hanging) after `timeoutMs`. `onEvent` runs after
 * each event, e.g. to append more once the catch-up is done.
 */
export const take = async (
  store: EventStore,
  after: number,
  count: number,
  options: { filter?: EventFilter; onEvent?: (received: number) => unknown; timeoutMs?: number } = {},
): Promise<RecordedEvent[]> => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 5000);
  const received: RecordedEvent[] = [];
  try {
    for await (const event of store.subscribe(after, { filter: options.filter, signal: controller.signal })) {
      received.push(event);
      await options.onEvent?.(received.length);
      if (received.length >= count) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return received;
};

/** Rejects when `promise` does not settle within `ms` (to prove that something ends). */
export const within = async <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
};

const ids = (events: readonly RecordedEvent[]) => events.map((e) => e.id);
const types = (events: readonly RecordedEvent[]) => events.map((e) => e.type);

export function describeEventStoreContract(name: string, createStore: () => Promise<StoreUnderTest>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await createStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    /** Appends to several streams, interleaved; returns everything in global order. */
    const seed = async (): Promise<RecordedEvent[]> => {
      await store.append(
        'course-1',
        [newEvent('CourseCreated', { n: 1 }), newEvent('CoursePublished', { n: 2 })],
        'no-stream',
      );
      await store.append('learner-1', [newEvent('LearnerRegistered', { n: 3 })], 'no-stream');
      await store.append('course-2', [newEvent('CourseCreated', { n: 4 })], 'no-stream');
      await store.append('learner-10', [newEvent('LearnerRegistered', { n: 5 })], 'no-stream');
      await store.append('xcourse-1', [newEvent('CourseCreated', { n: 6 })], 'no-stream');
      await store.append('course-1', [newEvent('CourseRetired', { n: 7 })], 2);
      await store.append('🎓-1', [newEvent('BadgeIssued', { n: 8 })], 'no-stream');
      await store.append('learner-1', [newEvent('LearnerRenamed', { n: 9 })], 1);
      const all = await collect(store.readAll(0));
      expect(all.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      return all;
    };

    describe('append', () => {
      it("appends to a new stream with 'no-stream'", async () => {
        const result = await store.append(
          'course-1',
          [newEvent('CourseCreated'), newEvent('CoursePublished')],
          'no-stream',
        );
        const events = await store.read('course-1');

        expect(result.nextExpectedVersion).toBe(2);
        expect(types(events)).toEqual(['CourseCreated', 'CoursePublished']);
        expect(events.map((e) => e.streamVersion)).toEqual([1, 2]);
        expect(events.every((e) => e.streamId === 'course-1')).toBe(true);
        expect(result.lastPosition).toBe(events[1]!.position);
        expect(await store.headPosition()).toBe(result.lastPosition);
      });

      it('appends with the exact expected version and continues the stream', async () => {
        const first = await store.append('course-1', [newEvent('A'), newEvent('B')], 'no-stream');
        const second = await store.append('course-1', [newEvent('C')], first.nextExpectedVersion);
        const third = await store.append('course-1', [newEvent('D'), newEvent('E')], 3);

        expect(second.nextExpectedVersion).toBe(3);
        expect(third.nextExpectedVersion).toBe(5);
        const events = await store.read('course-1');
        expect(types(events)).toEqual(['A', 'B', 'C', 'D', 'E']);
        expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5]);
        expect(third.lastPosition).toBe(events[4]!.position);
      });

      it('treats expected version 0 as a new stream', async () => {
        const result = await store.append('course-1', [newEvent('A')], 0);
        expect(result.nextExpectedVersion).toBe(1);
        const error = await rejection(store.append('course-1', [newEvent('B')], 0));
        expect(error).toBeInstanceOf(ConcurrencyConflict);
        expect((error as ConcurrencyConflict).actual).toBe(1);
      });

      it('rejects a wrong expected version with a typed ConcurrencyConflict and writes nothing', async () => {
        await store.append('course-1', [newEvent('A'), newEvent('B')], 'no-stream');
        const head = await store.headPosition();

        for (const wrong of [1, 3, 0]) {
          const error = await rejection(store.append('course-1', [newEvent('X')], wrong));
          expect(error).toBeInstanceOf(ConcurrencyConflict);
          expect(error).toMatchObject({ streamId: 'course-1', expected: wrong, actual: 2 });
        }
        expect(types(await store.read('course-1'))).toEqual(['A', 'B']);
        expect(await store.headPosition()).toBe(head);
      });

      it('rejects a numeric expected version on a stream that does not exist', async () => {
        const error = await rejection(store.append('course-9', [newEvent('X')], 2));
        expect(error).toBeInstanceOf(ConcurrencyConflict);
        expect(error).toMatchObject({ streamId: 'course-9', expected: 2, actual: 0 });
        expect(await store.read('course-9')).toEqual([]);
        expect(await store.headPosition()).toBe(0);
      });

      it("rejects 'no-stream' when the stream exists", async () => {
        await store.append('course-1', [newEvent('A')], 'no-stream');
        const error = await rejection(store.append('course-1', [newEvent('B')], 'no-stream'));

        expect(error).toBeInstanceOf(ConcurrencyConflict);
        expect(error).toMatchObject({ streamId: 'course-1', expected: 'no-stream', actual: 1 });
        expect(types(await store.read('course-1'))).toEqual(['A']);
      });

      it("always appends with 'any'", async () => {
        const first = await store.append('course-1', [newEvent('A')], 'any');
        const second = await store.append('course-1', [newEvent('B'), newEvent('C')], 'any');

        expect(first.nextExpectedVersion).toBe(1);
        expect(second.nextExpectedVersion).toBe(3);
        expect((await store.read('course-1')).map((e) => [e.type, e.streamVersion])).toEqual([
          ['A', 1],
          ['B', 2],
          ['C', 3],
        ]);
      });

      it('appends several events atomically: on conflict none of them is written', async () => {
        await store.append('course-1', [newEvent('A')], 'no-stream');
        const head = await store.headPosition();

        const error = await rejection(store.append('course-1', [newEvent('B'), newEvent('C'), newEvent('D')], 0));

        expect(error).toBeInstanceOf(ConcurrencyConflict);
        expect(types(await store.read('course-1'))).toEqual(['A']);
        expect(await store.headPosition()).toBe(head);
        expect(await collect(store.readAll(0))).toHaveLength(1);
      });

      it('returns the current version and writes nothing for an empty append', async () => {
        await store.append('course-1', [newEvent('A'), newEvent('B')], 'no-stream');
        const head = await store.headPosition();

        const result = await store.append('course-1', [], 'any');

        expect(result.nextExpectedVersion).toBe(2);
        expect(await store.headPosition()).toBe(head);
        expect(await store.read('course-1')).toHaveLength(2);
        expect((await store.append('course-2', [], 'any')).nextExpectedVersion).toBe(0);
        expect(await store.read('course-2')).toEqual([]);
      });

      it('lets exactly one of many concurrent appends with the same expected version win', async () => {
        await store.append('course-1', [newEvent('Created')], 'no-stream');

        const attempts = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => store.append('course-1', [newEvent('Attempt', { i })], 1)),
        );

        const fulfilled = attempts.filter((a) => a.status === 'fulfilled');
        const rejected = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
        expect(fulfilled).toHaveLength(1);
        expect(rejected).toHaveLength(9);
        for (const { reason } of rejected) {
          expect(reason).toBeInstanceOf(ConcurrencyConflict);
          expect(reason).toMatchObject({ streamId: 'course-1', expected: 1, actual: 2 });
        }
        const events = await store.read('course-1');
        expect(events.map((e) => e.streamVersion)).toEqual([1, 2]);
        const winner = attempts.findIndex((a) => a.status === 'fulfilled');
        expect(events[1]!.data).toEqual({ i: winner });
      });

      it("lets exactly one of many concurrent 'no-stream' appends create the stream", async () => {
        const attempts = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) =>
            store.append('course-1', [newEvent('Created', { i }), newEvent('Next')], 'no-stream'),
          ),
        );

        expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
        const reasons = attempts.flatMap((a) => (a.status === 'rejected' ? [a.reason as unknown] : []));
        expect(reasons).toHaveLength(9);
        expect(reasons.every((r) => r instanceof ConcurrencyConflict && r.actual === 2)).toBe(true);
        expect(await store.read('course-1')).toHaveLength(2);
      });

      it('preserves caller-supplied event ids and generates distinct ids otherwise', async () => {
        const id1 = '3f0c1c59-8d0e-4a51-9a34-3f4f9f1b2a01';
        const id2 = '3f0c1c59-8d0e-4a51-9a34-3f4f9f1b2a02';
        await store.append(
          'course-1',
          [newEvent('A', {}, id1), newEvent('B'), newEvent('C', {}, id2), newEvent('D')],
          'no-stream',
        );

        const events = await store.read('course-1');
        expect(events[0]!.id).toBe(id1);
        expect(events[2]!.id).toBe(id2);
        const generated = [events[1]!.id, events[3]!.id];
        for (const id of generated) expect(id).toMatch(/^\S+$/);
        expect(new Set(ids(events)).size).toBe(4);
        expect(ids(await collect(store.readAll(0)))).toEqual(ids(events));
      });

      it('rejects a duplicate event id and writes nothing else of that append', async () => {
        const id = '3f0c1c59-8d0e-4a51-9a34-3f4f9f1b2a03';
        await store.append('course-1', [newEvent('A', {}, id)], 'no-stream');
        const head = await store.headPosition();

        // Duplicate of an event in another stream, after a valid event of the same append.
        await expect(
          store.append('course-2', [newEvent('B'), newEvent('C', {}, id)], 'no-stream'),
        ).rejects.toBeDefined();
        // Duplicate within one append.
        const other = '3f0c1c59-8d0e-4a51-9a34-3f4f9f1b2a04';
        await expect(
          store.append('course-3', [newEvent('D', {}, other), newEvent('E', {}, other)], 'any'),
        ).rejects.toBeDefined();
        // Duplicate in the same stream.
        await expect(store.append('course-1', [newEvent('F', {}, id)], 1)).rejects.toBeDefined();

        expect(await store.read('course-2')).toEqual([]);
        expect(await store.read('course-3')).toEqual([]);
        expect(types(await store.read('course-1'))).toEqual(['A']);
        expect(await store.headPosition()).toBe(head);
        expect(ids(await collect(store.readAll(0)))).toEqual([id]);
        // The failed appends left the streams usable at their real versions.
        expect((await store.append('course-2', [newEvent('B')], 'no-stream')).nextExpectedVersion).toBe(1);
        expect((await store.append('course-1', [newEvent('F')], 1)).nextExpectedVersion).toBe(2);
      });

      it('records an ISO-8601 recordedAt', async () => {
        const before = Date.now();
        await store.append('course-1', [newEvent('A')], 'no-stream');
        const [event] = await store.read('course-1');

        expect(new Date(event!.recordedAt).toISOString()).toBe(event!.recordedAt);
        expect(Date.parse(event!.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
        expect(Date.parse(event!.recordedAt)).toBeLessThanOrEqual(Date.now() + 1000);
      });
    });

    describe('appendAll (where the store has it)', () => {
      // A store that cannot write several streams in one transaction leaves appendAll out.
      const appendAll = (...appends: Parameters<NonNullable<EventStore['appendAll']>>[0]) => {
        if (!store.appendAll) return undefined;
        return store.appendAll(appends);
      };

      it('writes several streams in one go, in the given order, a stream checked against the version its previous append left', async () => {
        if (!store.appendAll) return;
        await store.append('course-1', [newEvent('A')], 'no-stream');

        const results = await appendAll(
          { streamId: 'course-1', events: [newEvent('B')], expected: 1 },
          { streamId: 'board-1', events: [newEvent('X'), newEvent('Y')], expected: 'no-stream' },
          { streamId: 'course-1', events: [newEvent('C')], expected: 2 },
        );

        const log = await collect(store.readAll(0));
        expect(log.map((e) => `${e.streamId}:${e.type}`)).toEqual([
          'course-1:A',
          'course-1:B',
          'board-1:X',
          'board-1:Y',
          'course-1:C',
        ]);
        expect(results).toEqual([
          { nextExpectedVersion: 2, lastPosition: log[1]!.position },
          { nextExpectedVersion: 2, lastPosition: log[3]!.position },
          { nextExpectedVersion: 3, lastPosition: log[4]!.position },
        ]);
        expect((await store.read('course-1')).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      });

      it('writes none of them when one expected version does not hold, and names that stream', async () => {
        if (!store.appendAll) return;
        await store.append('course-1', [newEvent('A')], 'no-stream');
        const head = await store.headPosition();

        const error = await rejection(
          appendAll(
            { streamId: 'board-1', events: [newEvent('X')], expected: 'no-stream' },
            { streamId: 'course-1', events: [newEvent('B')], expected: 0 },
          )!,
        );

        expect(error).toBeInstanceOf(ConcurrencyConflict);
        expect(error).toMatchObject({ streamId: 'course-1', actual: 1 });
        expect(await store.headPosition()).toBe(head);
        expect(await store.read('board-1')).toEqual([]);
        // Nothing half-written: both streams take their next appends at the versions they had.
        await store.append('board-1', [newEvent('X')], 'no-stream');
        await store.append('course-1', [newEvent('B')], 1);
      });

      it('reaches subscribers in order, with nothing skipped', async () => {
        if (!store.appendAll) return;
        const received = take(store, 0, 4, {
          onEvent: (n) =>
            n === 1 &&
            appendAll(
              { streamId: 'a', events: [newEvent('2')], expected: 'no-stream' },
              { streamId: 'b', events: [newEvent('3'), newEvent('4')], expected: 'no-stream' },
            ),
        });
        await store.append('c', [newEvent('1')], 'no-stream');
        expect(types(await received)).toEqual(['1', '2', '3', '4']);
      });
    });

    describe('read', () => {
      it('returns the events of one stream in order with data and metadata round-tripped', async () => {
        const data = {
          name: 'Zoë Ångström — 学习 🎓',
          nested: { list: [1, 'two', { three: [3] }], empty: {}, none: null, flag: false },
          numbers: { zero: 0, negative: -42, fraction: 0.1 + 0.2, big: Number.MAX_SAFE_INTEGER, tiny: 5e-324 },
          quotes: 'it\'s "quoted" \\ and\nmultiline\u0000nul',
        };
        const meta = metadata({ actor: 'Zoë', causationId: 'cause-1', correlationId: 'κ-1' });
        await store.append('course-1', [{ type: 'Rich', data, metadata: meta }], 'no-stream');
        await store.append('course-2', [newEvent('Other')], 'no-stream');
        await store.append('course-1', [newEvent('Plain', [1, 2, 3]), newEvent('Scalar', 'just a string')], 1);

        const events = await store.read('course-1');

        expect(types(events)).toEqual(['Rich', 'Plain', 'Scalar']);
        expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
        expect(events[0]!.data).toEqual(data);
        expect(events[0]!.metadata).toEqual(meta);
        expect(events[1]!.data).toEqual([1, 2, 3]);
        expect(events[1]!.metadata).toEqual(metadata());
        expect(events[2]!.data).toBe('just a string');
        expect(events.every((e) => e.streamId === 'course-1')).toBe(true);
      });

      it('returns [] for an unknown stream', async () => {
        await store.append('course-1', [newEvent('A')], 'no-stream');
        expect(await store.read('course-10')).toEqual([]);
        expect(await store.read('course-')).toEqual([]);
      });
    });

    describe('global log', () => {
      it('assigns strictly increasing global positions across streams', async () => {
        const results = [
          await store.append('course-1', [newEvent('A'), newEvent('B')], 'no-stream'),
          await store.append('learner-1', [newEvent('C')], 'no-stream'),
          await store.append('course-1', [newEvent('D')], 2),
          await store.append('learner-2', [newEvent('E'), newEvent('F')], 'any'),
        ];
        const all = await collect(store.readAll(0));

        expect(types(all)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
        const positions = all.map((e) => e.position);
        positions.forEach((p, i) => {
          expect(Number.isInteger(p)).toBe(true);
          if (i > 0) expect(p).toBeGreaterThan(positions[i - 1]!);
        });
        expect(positions[0]).toBeGreaterThan(0);
        expect(results.map((r) => r.lastPosition)).toEqual([positions[1], positions[2], positions[3], positions[5]]);
        expect((await store.read('course-1')).map((e) => e.position)).toEqual([
          positions[0],
          positions[1],
          positions[3],
        ]);
      });

      it('reports the head position (0 when empty)', async () => {
        expect(await store.headPosition()).toBe(0);
        const first = await store.append('course-1', [newEvent('A')], 'no-stream');
        expect(await store.headPosition()).toBe(first.lastPosition);
        const second = await store.append('course-2', [newEvent('B'), newEvent('C')], 'no-stream');
        expect(await store.headPosition()).toBe(second.lastPosition);
        expect(second.lastPosition).toBeGreaterThan(first.lastPosition);
      });

      it('reads the whole log from 0 and the rest of it from a middle position', async () => {
        const all = await seed();

        expect(ids(await collect(store.readAll(0)))).toEqual(ids(all));
        expect(ids(await collect(store.readAll(all[3]!.position)))).toEqual(ids(all.slice(4)));
        expect(ids(await collect(store.readAll(all[8]!.position)))).toEqual([]);
        expect(ids(await collect(store.readAll(all[8]!.position + 100)))).toEqual([]);
        expect(await collect(store.readAll(0))).toEqual(all);
      });

      it('filters by stream prefix, event type and both', async () => {
        const all = await seed();
        const read = async (filter: EventFilter, after = 0) => ids(await collect(store.readAll(after, filter)));
        const expected = (predicate: (e: RecordedEvent) => boolean, after = 0) =>
          ids(all.filter((e) => e.position > after && predicate(e)));

        expect(await read({ streamPrefixes: ['course-'] })).toEqual(expected((e) => e.streamId.startsWith('course-')));
        expect(await read({ streamPrefixes: ['course-'] })).toHaveLength(4);
        expect(await read({ streamPrefixes: ['learner-1'] })).toEqual(
          expected((e) => e.streamId.startsWith('learner-1')),
        );
        expect(await read({ streamPrefixes: ['learner-1'] })).toHaveLength(3); // learner-1 and learner-10
        expect(await read({ streamPrefixes: ['🎓-'] })).toEqual(expected((e) => e.streamId === '🎓-1'));
        expect(await read({ streamPrefixes: ['course-2', 'xcourse'] })).toEqual(
          expected((e) => e.streamId === 'course-2' || e.streamId === 'xcourse-1'),
        );
        expect(await read({ streamPrefixes: ['nothing-'] })).toEqual([]);
        expect(await read({ eventTypes: ['CourseCreated'] })).toEqual(expected((e) => e.type === 'CourseCreated'));
        expect(await read({ eventTypes: ['CourseCreated'] })).toHaveLength(3);
        expect(await read({ eventTypes: ['LearnerRenamed', 'BadgeIssued'] })).toEqual(
          expected((e) => e.type === 'LearnerRenamed' || e.type === 'BadgeIssued'),
        );
        expect(await read({ streamPrefixes: ['course-'], eventTypes: ['CourseCreated'] })).toEqual(
          expected((e) => e.streamId.startsWith('course-') && e.type === 'CourseCreated'),
        );
        expect(await read({ streamPrefixes: ['course-'], eventTypes: ['CourseCreated'] })).toHaveLength(2);
        expect(await read({ streamPrefixes: ['learner-'] }, all[2]!.position)).toEqual(
          expected((e) => e.streamId.startsWith('learner-'), all[2]!.position),
        );
        expect(await read({ streamPrefixes: [], eventTypes: [] })).toEqual(ids(all));
      });

      it('pages across page boundaries without skipping or repeating', async () => {
        const all = await seed();
        const courses = (e: RecordedEvent) => e.streamId.startsWith('course-');

        for (const pageSize of [1, 2, 3, 4, 8, 9, 10]) {
          expect(ids(await collect(store.readAll(0, undefined, pageSize)))).toEqual(ids(all));
          expect(ids(await collect(store.readAll(all[1]!.position, undefined, pageSize)))).toEqual(ids(all.slice(2)));
          expect(ids(await collect(store.readAll(0, { streamPrefixes: ['course-'] }, pageSize)))).toEqual(
            ids(all.filter(courses)),
          );
          expect(
            ids(await collect(store.readAll(0, { eventTypes: ['LearnerRegistered', 'LearnerRenamed'] }, pageSize))),
          ).toEqual(ids(all.filter((e) => e.type.startsWith('Learner'))));
        }
      });
    });

    describe('subscribe', () => {
      it('catches up, then receives events appended later', async () => {
        await store.append('course-1', [newEvent('A'), newEvent('B')], 'no-stream');
        await store.append('learner-1', [newEvent('C')], 'no-stream');
        let live: Promise<unknown> = Promise.resolve();

        const received = await take(store, 0, 6, {
          onEvent: (n) => {
            // Append only once the subscriber has caught up and is waiting for news.
            if (n === 3) live = sleep(50).then(() => store.append('course-1', [newEvent('D'), newEvent('E')], 2));
            if (n === 5) live = sleep(50).then(() => store.append('learner-2', [newEvent('F')], 'no-stream'));
          },
        });
        await live;

        expect(types(received)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
        expect(ids(received)).toEqual(ids(await collect(store.readAll(0))));
        expect(received[3]!.data).toEqual({});
        expect(received[3]!.metadata).toEqual(metadata());
      });

      it('starts after the given position', async () => {
        await store.append('course-1', [newEvent('A'), newEvent('B'), newEvent('C')], 'no-stream');
        const [, b] = await store.read('course-1');
        let live: Promise<unknown> = Promise.resolve();

        const received = await take(store, b!.position, 2, {
          onEvent: (n) => {
            if (n === 1) live = sleep(20).then(() => store.append('course-1', [newEvent('D')], 3));
          },
        });
        await live;

        expect(types(received)).toEqual(['C', 'D']);
      });

      it('catches up across many pages (more events than any sensible page size)', async () => {
        const many = Array.from({ length: 2500 }, (_, i) => newEvent(i % 2 ? 'Odd' : 'Even', { i }));
        await store.append('bulk-1', many.slice(0, 1200), 'no-stream');
        await store.append('bulk-2', many.slice(1200), 'no-stream');
        let live: Promise<unknown> = Promise.resolve();

        const received = await take(store, 0, 2501, {
          onEvent: (n) => {
            if (n === 2500) live = store.append('bulk-1', [newEvent('Last', { i: 2500 })], 1200);
          },
          timeoutMs: 15_000,
        });
        await live;
        const odd = await take(store, 0, 1250, { filter: { eventTypes: ['Odd'] }, timeoutMs: 15_000 });

        expect(received.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 2501 }, (_, i) => i));
        expect(odd.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 1250 }, (_, i) => 2 * i + 1));
      }, 30_000);

      it('delivers only events matching the filter, in catch-up and live', async () => {
        await seed();
        const filter = { streamPrefixes: ['learner-'], eventTypes: ['LearnerRegistered'] };
        let live: Promise<unknown> = Promise.resolve();

        const received = await take(store, 0, 4, {
          filter,
          onEvent: (n) => {
            if (n === 2) {
              live = sleep(30).then(async () => {
                await store.append('course-3', [newEvent('LearnerRegistered')], 'no-stream');
                await store.append('learner-3', [newEvent('LearnerRenamed')], 'no-stream');
                await store.append('learner-3', [newEvent('LearnerRegistered', { live: 1 })], 1);
                await store.append(
                  'learner-4',
                  [newEvent('CourseCreated'), newEvent('LearnerRegistered', { live: 2 })],
                  'no-stream',
                );
              });
            }
          },
        });
        await live;

        expect(received.map((e) => [e.streamId, e.type])).toEqual([
          ['learner-1', 'LearnerRegistered'],
          ['learner-10', 'LearnerRegistered'],
          ['learner-3', 'LearnerRegistered'],
          ['learner-4', 'LearnerRegistered'],
        ]);
        expect(received.slice(2).map((e) => e.data)).toEqual([{ live: 1 }, { live: 2 }]);
      });

      it('does not skip or repeat events appended in a burst', async () => {
        await store.append('s-0', [newEvent('First')], 'no-stream');
        let burst: Promise<unknown> = Promise.resolve();
        const received = await take(store, 0, 31, {
          onEvent: (n) => {
            if (n === 1) {
              burst = (async () => {
                for (let i = 1; i <= 30; i++) await store.append(`s-${i % 3}`, [newEvent('Burst', { i })], 'any');
              })();
            }
          },
          timeoutMs: 10_000,
        });
        await burst;
        expect(received).toHaveLength(31);
        expect(ids(received)).toEqual(ids(await collect(store.readAll(0))));
      });

      it('ends cleanly when the signal aborts while it waits', async () => {
        await store.append('course-1', [newEvent('A'), newEvent('B')], 'no-stream');
        const controller = new AbortController();
        const received: RecordedEvent[] = [];

        const consume = (async () => {
          for await (const event of store.subscribe(0, { signal: controller.signal })) {
            received.push(event);
            if (received.length === 2) setTimeout(() => controller.abort(), 50);
          }
          return 'ended';
        })();

        expect(await within(consume, 3000, 'the aborted subscription')).toBe('ended');
        expect(types(received)).toEqual(['A', 'B']);
        // Appends after the abort are not delivered and the store still works.
        await store.append('course-1', [newEvent('C')], 2);
        expect(received).toHaveLength(2);
      });

      it('ends at once when the signal is already aborted', async () => {
        await store.append('course-1', [newEvent('A')], 'no-stream');
        const received = await within(collect(store.subscribe(0, { signal: AbortSignal.abort() })), 3000, 'subscribe');
        expect(received).toEqual([]);
      });

      it('ends when the consumer breaks out of the loop', async () => {
        await store.append('course-1', [newEvent('A'), newEvent('B')], 'no-stream');
        const received: string[] = [];
        await within(
          (async () => {
            for await (const event of store.subscribe(0)) {
              received.push(event.type);
              break;
            }
          })(),
          3000,
          'breaking out of subscribe',
        );
        expect(received).toEqual(['A']);
      });

      it('delivers everything to two concurrent subscribers', async () => {
        await store.append('course-1', [newEvent('A')], 'no-stream');
        const subscribers = [take(store, 0, 7), take(store, 0, 7, { filter: {} })];

        await sleep(30);
        await store.append('course-1', [newEvent('B'), newEvent('C')], 1);
        await sleep(10);
        await store.append('learner-1', [newEvent('D')], 'no-stream');
        await store.append('course-2', [newEvent('E')], 'no-stream');
        await sleep(10);
        await store.append('course-1', [newEvent('F'), newEvent('G')], 3);

        const [first, second] = await Promise.all(subscribers);
        const all = ids(await collect(store.readAll(0)));
        expect(all).toHaveLength(7);
        expect(ids(first!)).toEqual(all);
        expect(ids(second!)).toEqual(all);
      });
    });
  });
}
