import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import {
  ANY,
  EventStoreDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type Filter,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import { ConcurrencyConflict, type EventStore, type RecordedEvent } from '#event-store';
import {
  EsdbEventStore,
  isSystemEvent,
  serverFilterFor,
  toExpectedRevision,
  toGlobalPosition,
  toReadPosition,
  toStreamVersion,
  type EsdbClient,
  type SubscriptionDrop,
} from '../../libs/event-store/src/esdb/esdb-event-store.js';
import {
  collect,
  describeEventStoreContract,
  metadata,
  newEvent,
  sleep,
  within,
  type StoreUnderTest,
} from './event-store.contract.js';

/**
 * EventStoreDB / KurrentDB adapter.
 *
 * 1. Pure mappings and the subscription's drop/resume/abort logic run everywhere (no server).
 * 2. The shared contract runs against an in-memory imitation of the gRPC client (`FakeEsdb`, below),
 *    which mimics the server semantics the adapter relies on: revisions from 0, non-consecutive
 *    commit positions, inclusive reads and exclusive subscriptions from a position, system events
 *    interleaved in $all, stream/type filters. It proves the adapter's logic, not those assumptions.
 * 3. The shared contract runs against a real server only when EVENTSTORE_URL is set: `npm run test:all` sets it
 *    to a KurrentDB container wherever Docker is (scripts/test-services), or by hand, e.g.
 *      docker compose --profile esdb up -d kurrentdb   (or any EventStoreDB >= 22.10 / KurrentDB, insecure)
 *      EVENTSTORE_URL='esdb://127.0.0.1:2113?tls=false' npm run test:jest -- test/store-contract/esdb.spec.ts
 *    Otherwise it is skipped LOUDLY; CI allows that skip only when EVENTSTORE_URL is unset (required-services-reporter).
 *    Each test uses its own stream namespace on the shared server, so the server need not be fresh.
 */
const EVENTSTORE_URL = process.env.EVENTSTORE_URL;

/**
 * Contract tests EventStoreDB cannot pass, skipped (loudly) for both runs: it has no index of event
 * ids, so it cannot refuse an id already used in another stream (it only treats a retried append at
 * the same expected version as idempotent). Duplicates within one append are refused by the adapter.
 */
const KNOWN_GAPS = new Set(['rejects a duplicate event id and writes nothing else of that append']);

/** Defines the contract with the KNOWN_GAPS tests turned into it.skip (describe callbacks run synchronously). */
const describeContractWithKnownGaps = (name: string, create: () => Promise<StoreUnderTest>): void => {
  const original = globalThis.it;
  const patched = Object.assign(
    (testName: string, fn?: jest.ProvidesCallback, timeout?: number) =>
      KNOWN_GAPS.has(testName)
        ? original.skip(`${testName} [known EventStoreDB gap]`, fn, timeout)
        : original(testName, fn, timeout),
    original,
  );
  globalThis.it = patched as jest.It;
  try {
    describeEventStoreContract(name, create);
  } finally {
    globalThis.it = original;
  }
};

// ---------------------------------------------------------------------------------------------
// An in-memory imitation of the parts of the gRPC client the adapter uses.

interface FakeRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  isJson: true;
  data: unknown;
  metadata: unknown;
  position: Position;
}

const resolvedOf = (record: FakeRecord) => ({ event: record, commitPosition: record.position.commit });

/** A finite read: emits the items, or fails with `error`; has the client's cancel(). */
const readOf = (items: readonly unknown[], error?: Error) => {
  const stream = new Readable({ objectMode: true, read() {} });
  setImmediate(() => {
    if (error) {
      stream.destroy(error);
      return;
    }
    for (const item of items) stream.push(item);
    stream.push(null);
  });
  return Object.assign(stream, { cancel: async () => void stream.destroy() });
};

const matchesServerFilter = (record: FakeRecord, filter: Filter | undefined): boolean => {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? record.streamId : record.type;
  return 'prefixes' in filter
    ? filter.prefixes.some((p) => subject.startsWith(p))
    : new RegExp(filter.regex).test(subject);
};

class FakeEsdb {
  readonly log: FakeRecord[] = [];
  private nextPosition = 0;
  private appends = 0;
  private readonly live = new Set<{ stream: PassThrough; filter: Filter | undefined }>();
  disposed = 0;

  constructor() {
    // Like a real server's log: system records before any application event.
    this.record('$settings', '$metadata', {});
    this.record('$stats-127.0.0.1:2113', '$statsCollected', {});
  }

  private record(
    streamId: string,
    type: string,
    data: unknown,
    id: string = randomUUID(),
    metadataValue: unknown = undefined,
  ) {
    const revision = BigInt(this.log.filter((r) => r.streamId === streamId).length);
    const position = BigInt(this.nextPosition);
    // Commit positions are byte offsets: increasing, never consecutive.
    this.nextPosition += 137 + JSON.stringify(data ?? null).length;
    const record: FakeRecord = {
      streamId,
      id,
      revision,
      type,
      created: new Date(),
      isJson: true,
      // Through the wire and back, as the real client does.
      data: JSON.parse(JSON.stringify(data)),
      metadata: metadataValue === undefined ? undefined : JSON.parse(JSON.stringify(metadataValue)),
      position: { commit: position, prepare: position },
    };
    this.log.push(record);
    for (const sub of this.live) if (matchesServerFilter(record, sub.filter)) sub.stream.write(resolvedOf(record));
    return record;
  }

  private current(streamId: string): bigint | typeof NO_STREAM {
    const count = this.log.filter((r) => r.streamId === streamId).length;
    return count === 0 ? NO_STREAM : BigInt(count - 1);
  }

  readonly client: EsdbClient = {
    appendToStream: (async (
      streamName: string,
      events: { id: string; type: string; data: unknown; metadata: unknown }[],
      options: { expectedRevision?: AppendExpectedRevision } = {},
    ) => {
      await sleep(1);
      const expected = options.expectedRevision ?? ANY;
      const current = this.current(streamName);
      const holds =
        expected === ANY ||
        (expected === NO_STREAM
          ? current === NO_STREAM
          : expected === 'stream_exists'
            ? current !== NO_STREAM
            : current === expected);
      if (!holds) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
      const first = this.log.length;
      for (const e of events) this.record(streamName, e.type, e.data, e.id, e.metadata);
      // A system record now and then, between application events.
      if (++this.appends % 5 === 0) this.record('$stats-127.0.0.1:2113', '$statsCollected', { n: this.appends });
      // Deliberately the FIRST event's position: the adapter must not rely on it for lastPosition.
      return {
        success: true,
        nextExpectedRevision: this.current(streamName) as bigint,
        position: this.log[first]!.position,
      };
    }) as unknown as EsdbClient['appendToStream'],

    readStream: ((
      streamName: string,
      options: { fromRevision?: bigint | 'start' | 'end'; direction?: string; maxCount?: number | bigint } = {},
    ) => {
      const events = this.log.filter((r) => r.streamId === streamName);
      if (events.length === 0) return readOf([], new StreamNotFoundError(undefined, streamName));
      const from = options.fromRevision ?? 'start';
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      const selected =
        options.direction === 'backwards'
          ? events.filter((r) => from === 'end' || from === 'start' || r.revision <= from).reverse()
          : events.filter((r) => from === 'start' || (from !== 'end' && r.revision >= from));
      return readOf(selected.slice(0, max).map(resolvedOf));
    }) as unknown as EsdbClient['readStream'],

    readAll: ((options: { fromPosition?: ReadPosition; direction?: string; maxCount?: number | bigint } = {}) => {
      const from = options.fromPosition ?? START;
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      // Forwards from a position: inclusive. Backwards from a position: records that end before it.
      const selected =
        options.direction === 'backwards'
          ? this.log.filter((r) => from === 'end' || (from !== 'start' && r.position.commit < from.commit)).reverse()
          : this.log.filter((r) => from === 'start' || (from !== 'end' && r.position.commit >= from.commit));
      return readOf(selected.slice(0, max).map(resolvedOf));
    }) as unknown as EsdbClient['readAll'],

    subscribeToAll: ((options: { fromPosition?: ReadPosition; filter?: Filter } = {}) => {
      const from = options.fromPosition ?? START;
      const stream = new PassThrough({ objectMode: true, highWaterMark: 1 << 20 });
      const sub = { stream, filter: options.filter };
      // Subscriptions from a position are exclusive.
      for (const r of this.log) {
        if (
          (from === 'start' || (from !== 'end' && r.position.commit > from.commit)) &&
          matchesServerFilter(r, options.filter)
        ) {
          stream.write(resolvedOf(r));
        }
      }
      this.live.add(sub);
      stream.on('close', () => this.live.delete(sub));
      return Object.assign(stream, { unsubscribe: async () => void stream.destroy() });
    }) as unknown as EsdbClient['subscribeToAll'],

    dispose: async () => {
      this.disposed++;
      for (const sub of this.live) sub.stream.destroy();
    },
  };
}

// ---------------------------------------------------------------------------------------------

describe('EsdbEventStore mappings', () => {
  it('maps expected versions to revisions: version n is revision n-1; 0 and no-stream are NO_STREAM', () => {
    expect(toExpectedRevision('any')).toBe(ANY);
    expect(toExpectedRevision('no-stream')).toBe(NO_STREAM);
    expect(toExpectedRevision(0)).toBe(NO_STREAM);
    expect(toExpectedRevision(1)).toBe(0n);
    expect(toExpectedRevision(5)).toBe(4n);
    expect(toExpectedRevision(Number.MAX_SAFE_INTEGER)).toBe(BigInt(Number.MAX_SAFE_INTEGER) - 1n);
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => toExpectedRevision(bad)).toThrow(RangeError);
  });

  it('maps current revisions back to versions', () => {
    expect(toStreamVersion(NO_STREAM)).toBe(0);
    expect(toStreamVersion(-1n)).toBe(0);
    expect(toStreamVersion(0n)).toBe(1);
    expect(toStreamVersion(4n)).toBe(5);
    // Round trip.
    for (const v of [1, 2, 17, 10_000]) expect(toStreamVersion(toExpectedRevision(v) as bigint)).toBe(v);
  });

  it('converts commit positions to exact JS numbers, refusing those beyond 2^53 - 1', () => {
    expect(toGlobalPosition(0n)).toBe(0);
    expect(toGlobalPosition(1_234_567_890_123n)).toBe(1_234_567_890_123);
    expect(toGlobalPosition(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toGlobalPosition(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
    expect(() => toGlobalPosition(-1n)).toThrow(RangeError);
  });

  it('turns "after" positions into read positions (0 = start; otherwise commit = prepare)', () => {
    expect(toReadPosition(0)).toBe(START);
    expect(toReadPosition(1337)).toEqual({ commit: 1337n, prepare: 1337n });
    expect(toReadPosition(Number.MAX_SAFE_INTEGER)).toEqual({
      commit: BigInt(Number.MAX_SAFE_INTEGER),
      prepare: BigInt(Number.MAX_SAFE_INTEGER),
    });
    for (const bad of [-1, 0.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])
      expect(() => toReadPosition(bad)).toThrow(RangeError);
    // Positions survive the round trip through a checkpoint.
    expect(toGlobalPosition((toReadPosition(987_654) as Position).commit)).toBe(987_654);
  });

  it('recognises system events by a $ at the start of the stream or type', () => {
    expect(isSystemEvent('$stats-127.0.0.1:2113', '$statsCollected')).toBe(true);
    expect(isSystemEvent('$$course-1', '$metadata')).toBe(true);
    expect(isSystemEvent('$ce-course', '$>')).toBe(true);
    expect(isSystemEvent('course-1', '$metadata')).toBe(true);
    expect(isSystemEvent('course-1', 'CourseCreated')).toBe(false);
    expect(isSystemEvent('course-$1', 'Type$')).toBe(false);
  });

  it('narrows subscriptions on the server as far as EventStoreDB can', () => {
    expect(serverFilterFor(undefined)).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    expect(serverFilterFor({})).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    expect(serverFilterFor({ streamPrefixes: ['course-', 'learner-'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['course-', 'learner-'],
    });
    expect(serverFilterFor({ eventTypes: ['A', 'B'] })).toMatchObject({ filterOn: 'eventType', prefixes: ['A', 'B'] });
    // Both: the server filters streams, the client re-checks types.
    expect(serverFilterFor({ streamPrefixes: ['course-'], eventTypes: ['A'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['course-'],
    });
    expect(serverFilterFor({ streamPrefixes: [], eventTypes: [] })).toMatchObject({
      filterOn: 'eventType',
      regex: '^[^$].*',
    });
    // Namespaces prefix the stream filter.
    expect(serverFilterFor(undefined, 'ns1-')).toMatchObject({ filterOn: 'streamName', prefixes: ['ns1-'] });
    expect(serverFilterFor({ eventTypes: ['A'] }, 'ns1-')).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['ns1-'],
    });
    expect(serverFilterFor({ streamPrefixes: ['course-'] }, 'ns1-')).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['ns1-course-'],
    });
  });
});

describe('EsdbEventStore without a server', () => {
  const resolved = (commit: number, streamId: string, type: string, revision = 0) => ({
    event: {
      streamId,
      id: randomUUID(),
      revision: BigInt(revision),
      type,
      created: new Date('2026-01-01T00:00:00.000Z'),
      isJson: true,
      data: { type },
      metadata: metadata(),
      position: { commit: BigInt(commit), prepare: BigInt(commit) },
    },
    commitPosition: BigInt(commit),
  });

  /** A client whose subscriptions the test scripts one by one; the rest of it must not be called. */
  const scriptedClient = (...scripts: ((stream: PassThrough) => void)[]) => {
    const calls: { fromPosition: unknown; filter: unknown }[] = [];
    const streams: PassThrough[] = [];
    let unsubscribed = 0;
    let disposed = 0;
    const unexpected = () => {
      throw new Error('unexpected call');
    };
    const client: EsdbClient = {
      appendToStream: unexpected,
      readStream: unexpected,
      readAll: unexpected,
      subscribeToAll: ((options: { fromPosition: unknown; filter: unknown }) => {
        calls.push({ fromPosition: options.fromPosition, filter: options.filter });
        const stream = new PassThrough({ objectMode: true });
        streams.push(stream);
        const script = scripts.shift();
        if (script) setImmediate(() => script(stream));
        return Object.assign(stream, {
          unsubscribe: async () => {
            unsubscribed++;
            stream.destroy();
          },
        });
      }) as unknown as EsdbClient['subscribeToAll'],
      dispose: async () => void disposed++,
    };
    return { client, calls, streams, unsubscribed: () => unsubscribed, disposed: () => disposed };
  };

  it('resumes after a drop from the last position it saw, without skipping or repeating', async () => {
    const fake = scriptedClient(
      (s) => {
        s.write(resolved(100, 'course-1', 'A'));
        s.write(resolved(180, '$$course-1', '$metadata'));
        s.write(resolved(250, 'course-1', 'B', 1));
        setTimeout(
          () => s.destroy(Object.assign(new Error('14 UNAVAILABLE: connection reset'), { type: 'unavailable' })),
          20,
        );
      },
      (s) => {
        // Whatever the server's start semantics, anything at or before 250 is not delivered twice.
        s.write(resolved(250, 'course-1', 'B', 1));
        s.write(resolved(400, 'learner-1', 'C'));
      },
    );
    const drops: SubscriptionDrop[] = [];
    const store = EsdbEventStore.fromClient(fake.client, {
      retry: { initialDelayMs: 5 },
      onSubscriptionDrop: (d) => drops.push(d),
    });
    const controller = new AbortController();
    const received: RecordedEvent[] = [];
    for await (const e of store.subscribe(0, { signal: controller.signal })) {
      received.push(e);
      if (received.length === 3) break;
    }

    expect(received.map((e) => [e.type, e.position, e.streamId, e.streamVersion])).toEqual([
      ['A', 100, 'course-1', 1],
      ['B', 250, 'course-1', 2],
      ['C', 400, 'learner-1', 1],
    ]);
    expect(fake.calls.map((c) => c.fromPosition)).toEqual([START, { commit: 250n, prepare: 250n }]);
    expect(drops).toHaveLength(1);
    expect(drops[0]).toMatchObject({ attempt: 1, resumeAfter: 250, delayMs: 5 });
    expect((drops[0]!.error as Error).message).toMatch(/UNAVAILABLE/);
    expect(fake.unsubscribed()).toBeGreaterThanOrEqual(2); // the dropped call and the one we broke out of
    await store.close();
    expect(fake.disposed()).toBe(1);
  });

  it('also resubscribes when the server just ends the subscription, backing off exponentially while it keeps failing', async () => {
    const fail = (s: PassThrough) => s.destroy(new Error('boom'));
    const fake = scriptedClient(
      (s) => s.end(),
      fail,
      fail,
      (s) => s.write(resolved(300, 'course-1', 'A')),
    );
    const drops: SubscriptionDrop[] = [];
    const store = EsdbEventStore.fromClient(fake.client, {
      retry: { initialDelayMs: 2, maxDelayMs: 6 },
      onSubscriptionDrop: (d) => drops.push(d),
    });
    const [event] = await within(
      (async () => {
        for await (const e of store.subscribe(120)) return [e];
        return [];
      })(),
      3000,
      'the resubscribing subscription',
    );
    expect(event!.position).toBe(300);
    expect(drops.map((d) => [d.attempt, d.delayMs, d.resumeAfter])).toEqual([
      [1, 2, 120],
      [2, 4, 120],
      [3, 6, 120],
    ]);
    expect(fake.calls.map((c) => c.fromPosition)).toEqual(
      Array.from({ length: 4 }, () => ({ commit: 120n, prepare: 120n })),
    );
    await store.close();
  });

  it('delivers only application events of its namespace that match the filter, with the namespace stripped', async () => {
    const fake = scriptedClient((s) => {
      s.write(resolved(10, 'ns-course-1', 'Odd'));
      s.write(resolved(20, 'ns-course-1', 'OddOne', 1)); // passes a server-side type prefix, not the exact type
      s.write(resolved(30, 'other-course-1', 'Odd'));
      s.write(resolved(40, '$$ns-course-1', '$metadata'));
      s.write(resolved(50, 'ns-course-2', '$>'));
      s.write(resolved(60, 'ns-learner-1', 'Odd'));
      s.write(resolved(70, 'ns-course-3', 'Odd'));
    });
    const store = EsdbEventStore.fromClient(fake.client, { namespace: 'ns-' });
    const received: RecordedEvent[] = [];
    for await (const e of store.subscribe(0, { filter: { streamPrefixes: ['course-'], eventTypes: ['Odd'] } })) {
      received.push(e);
      if (received.length === 2) break;
    }
    expect(received.map((e) => [e.streamId, e.type, e.position])).toEqual([
      ['course-1', 'Odd', 10],
      ['course-3', 'Odd', 70],
    ]);
    expect(fake.calls[0]!.filter).toMatchObject({ filterOn: 'streamName', prefixes: ['ns-course-'] });
    await store.close();
  });

  it('ends cleanly when the signal aborts while it waits, and cancels the call', async () => {
    const fake = scriptedClient((s) => s.write(resolved(10, 'course-1', 'A')));
    const store = EsdbEventStore.fromClient(fake.client, { onSubscriptionDrop: () => undefined });
    const controller = new AbortController();
    const received: string[] = [];
    const done = (async () => {
      for await (const e of store.subscribe(0, { signal: controller.signal })) {
        received.push(e.type);
        setTimeout(() => controller.abort(), 30);
      }
      return 'ended';
    })();
    expect(await within(done, 2000, 'the aborted subscription')).toBe('ended');
    expect(received).toEqual(['A']);
    expect(fake.streams[0]!.destroyed).toBe(true);
    expect(fake.calls).toHaveLength(1);
    await store.close();
  });

  it('ends cleanly when the signal aborts during the back-off, and at once when already aborted', async () => {
    const fake = scriptedClient((s) => s.destroy(new Error('down')));
    const drops: SubscriptionDrop[] = [];
    const store = EsdbEventStore.fromClient(fake.client, {
      retry: { initialDelayMs: 60_000 },
      onSubscriptionDrop: (d) => drops.push(d),
    });
    const controller = new AbortController();
    const done = collect(store.subscribe(0, { signal: controller.signal }));
    while (drops.length === 0) await sleep(5);
    controller.abort();
    expect(await within(done, 2000, 'the subscription aborted while backing off')).toEqual([]);
    expect(fake.calls).toHaveLength(1);

    expect(await within(collect(store.subscribe(0, { signal: AbortSignal.abort() })), 1000, 'subscribe')).toEqual([]);
    expect(fake.calls).toHaveLength(1);
    await store.close();
  });

  it('ends every subscription on close(), disposes the client once, then refuses further work', async () => {
    const fake = scriptedClient(
      (s) => s.write(resolved(10, 'course-1', 'A')),
      (s) => s.destroy(new Error('down')),
    );
    const store = EsdbEventStore.fromClient(fake.client, {
      retry: { initialDelayMs: 60_000 },
      onSubscriptionDrop: () => undefined,
    });
    const waiting = collect(store.subscribe(0));
    const backingOff = collect(store.subscribe(0));
    await sleep(50);
    await within(store.close(), 1000, 'close()');
    expect((await within(waiting, 1000, 'the waiting subscription')).map((e) => e.type)).toEqual(['A']);
    expect(await within(backingOff, 1000, 'the backing-off subscription')).toEqual([]);
    await store.close();
    expect(fake.disposed()).toBe(1);
    await expect(store.append('s', [newEvent('A')], 'any')).rejects.toThrow(/closed/);
    await expect(store.read('s')).rejects.toThrow(/closed/);
    await expect(store.headPosition()).rejects.toThrow(/closed/);
    await expect(collect(store.readAll(0))).rejects.toThrow(/closed/);
    expect(await collect(store.subscribe(0))).toEqual([]);
  });

  it('fails (instead of resubscribing for ever) on a position beyond 2^53 - 1', async () => {
    const fake = scriptedClient((s) =>
      s.write({
        ...resolved(10, 's', 'A'),
        event: { ...resolved(10, 's', 'A').event, position: { commit: 2n ** 53n, prepare: 2n ** 53n } },
      }),
    );
    const drops: SubscriptionDrop[] = [];
    const store = EsdbEventStore.fromClient(fake.client, { onSubscriptionDrop: (d) => drops.push(d) });
    await expect(within(collect(store.subscribe(0)), 2000, 'subscribe')).rejects.toThrow(RangeError);
    expect(drops).toEqual([]);
    expect(fake.calls).toHaveLength(1);
    expect(fake.streams[0]!.destroyed).toBe(true);
    await store.close();
  });

  it('turns a WrongExpectedVersionError into a ConcurrencyConflict with the actual version', async () => {
    const calls: {
      stream: string;
      expectedRevision: unknown;
      events: { id: string; type: string; data: unknown }[];
    }[] = [];
    let current: bigint | typeof NO_STREAM = 4n;
    const client = {
      appendToStream: async (
        stream: string,
        events: { id: string; type: string; data: unknown }[],
        options: { expectedRevision: AppendExpectedRevision },
      ) => {
        calls.push({ stream, expectedRevision: options.expectedRevision, events });
        throw new WrongExpectedVersionError(undefined, {
          streamName: stream,
          expected: options.expectedRevision,
          current,
        });
      },
      dispose: async () => undefined,
    } as unknown as EsdbClient;
    const store = EsdbEventStore.fromClient(client, { namespace: 't1-' });

    const error = await store.append('course-1', [newEvent('A', { n: 1 }), newEvent('B')], 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyConflict);
    expect(error).toMatchObject({ streamId: 'course-1', expected: 3, actual: 5 });
    expect(calls[0]).toMatchObject({ stream: 't1-course-1', expectedRevision: 2n });
    expect(calls[0]!.events.map((e) => [e.type, e.data])).toEqual([
      ['A', { n: 1 }],
      ['B', {}],
    ]);

    current = NO_STREAM;
    await expect(store.append('course-1', [newEvent('A')], 2)).rejects.toMatchObject({
      name: 'ConcurrencyConflict',
      expected: 2,
      actual: 0,
    });
    expect(calls[1]!.expectedRevision).toBe(1n);
  });

  it('refuses duplicate ids within one append before sending anything', async () => {
    let calls = 0;
    const appendToStream = async () => {
      calls++;
      throw new Error('must not be called');
    };
    const store = EsdbEventStore.fromClient({
      appendToStream,
      dispose: async () => undefined,
    } as unknown as EsdbClient);
    const id = randomUUID();
    await expect(store.append('s', [newEvent('A', {}, id), newEvent('B', {}, id)], 'any')).rejects.toThrow(
      /duplicate event id/,
    );
    await expect(store.append('s', [newEvent('A')], -1)).rejects.toThrow(RangeError);
    expect(calls).toBe(0);
  });

  describe('with the real client and no server listening', () => {
    const url = 'esdb://127.0.0.1:1?tls=false';

    it('fails to connect with a clear error', async () => {
      await expect(EsdbEventStore.connect({ connectionString: url })).rejects.toThrow(
        /EventStoreDB at esdb:\/\/127\.0\.0\.1:1\?tls=false is unreachable: .*UNAVAILABLE/,
      );
    });

    it('keeps resubscribing while the server is down, and ends cleanly on abort', async () => {
      const drops: SubscriptionDrop[] = [];
      const store = EsdbEventStore.fromClient(EventStoreDBClient.connectionString(url), {
        retry: { initialDelayMs: 10, maxDelayMs: 40 },
        onSubscriptionDrop: (d) => drops.push(d),
      });
      const controller = new AbortController();
      const done = collect(store.subscribe(0, { signal: controller.signal }));
      while (drops.length < 4) await sleep(10);
      controller.abort();
      expect(await within(done, 3000, 'the subscription to a dead server')).toEqual([]);
      expect(drops.map((d) => d.attempt).slice(0, 4)).toEqual([1, 2, 3, 4]);
      expect(drops.map((d) => d.delayMs).slice(0, 4)).toEqual([10, 20, 40, 40]);
      expect(drops.every((d) => d.resumeAfter === 0)).toBe(true);
      await expect(store.read('s')).rejects.toThrow(/UNAVAILABLE/);
      await expect(store.append('s', [newEvent('A')], 'any')).rejects.toThrow(/UNAVAILABLE/);
      await store.close();
    });
  });
});

describeContractWithKnownGaps('EsdbEventStore over an in-memory imitation of the client', async () => {
  const fake = new FakeEsdb();
  const store = EsdbEventStore.fromClient(fake.client, { onSubscriptionDrop: () => undefined });
  return { store, cleanup: () => store.close() };
});

describe('EsdbEventStore over the in-memory imitation: specifics', () => {
  let fake: FakeEsdb;
  let store: EventStore;
  beforeEach(() => {
    fake = new FakeEsdb();
    store = EsdbEventStore.fromClient(fake.client, { namespace: 'a-', onSubscriptionDrop: () => undefined });
  });
  afterEach(() => store.close());

  it('isolates namespaces sharing one server and strips the namespace from stream ids', async () => {
    const other = EsdbEventStore.fromClient(fake.client, { namespace: 'b-' });
    await store.append('course-1', [newEvent('A')], 'no-stream');
    await other.append('course-1', [newEvent('B'), newEvent('C')], 'no-stream');
    await store.append('course-1', [newEvent('D')], 1);

    expect(fake.log.filter((r) => !r.streamId.startsWith('$')).map((r) => r.streamId)).toEqual([
      'a-course-1',
      'b-course-1',
      'b-course-1',
      'a-course-1',
    ]);
    expect((await store.read('course-1')).map((e) => [e.streamId, e.type, e.streamVersion])).toEqual([
      ['course-1', 'A', 1],
      ['course-1', 'D', 2],
    ]);
    expect((await collect(other.readAll(0))).map((e) => e.type)).toEqual(['B', 'C']);
    expect(await other.headPosition()).toBe((await other.read('course-1'))[1]!.position);
    expect(await EsdbEventStore.fromClient(fake.client, { namespace: 'c-' }).headPosition()).toBe(0);
  });

  it('reports the position of the LAST event of a multi-event append, not of the first', async () => {
    const result = await store.append('course-1', [newEvent('A'), newEvent('B'), newEvent('C')], 'no-stream');
    const events = await store.read('course-1');
    expect(result).toEqual({ nextExpectedVersion: 3, lastPosition: events[2]!.position });
    expect(events[0]!.position).toBeLessThan(events[2]!.position);
  });

  it('hides system events interleaved in $all from readAll, subscribe and headPosition', async () => {
    for (let i = 0; i < 15; i++) await store.append(`s-${i}`, [newEvent('E', { i })], 'no-stream');
    expect(fake.log.filter((r) => r.streamId.startsWith('$')).length).toBeGreaterThan(2);
    expect(fake.log.at(-1)!.streamId.startsWith('$')).toBe(true); // the log ends with a system record
    const all = await collect(store.readAll(0));
    expect(all.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    for (const pageSize of [1, 2, 7]) expect(await collect(store.readAll(0, undefined, pageSize))).toEqual(all);
    const live = await collect(
      (async function* () {
        const controller = new AbortController();
        let n = 0;
        for await (const e of store.subscribe(0, { signal: controller.signal })) {
          yield e;
          if (++n === 15) controller.abort();
        }
      })(),
    );
    expect(live).toEqual(all);
    expect(await store.headPosition()).toBe(all.at(-1)!.position);
  });
});

if (EVENTSTORE_URL === undefined) {
  console.warn(
    '\n*** SKIPPING the EsdbEventStore contract against a real server: EVENTSTORE_URL is not set, so no EventStoreDB/KurrentDB ' +
      'server is reachable. To run it: `npm run test:all` on a machine with Docker, or start one (e.g. ' +
      "`docker compose --profile esdb up -d kurrentdb`) and set EVENTSTORE_URL='esdb://127.0.0.1:2113?tls=false'. " +
      'This is the one suite allowed to skip on CI. ***\n',
  );
  describe.skip('EsdbEventStore against a real server (skipped: EVENTSTORE_URL not set)', () => {
    it('runs the contract', () => undefined);
  });
} else {
  const url = EVENTSTORE_URL;
  describeContractWithKnownGaps('EsdbEventStore (real server)', async () => {
    const store = await EsdbEventStore.connect({
      connectionString: url,
      namespace: `credence-test-${randomUUID().slice(0, 8)}-`,
    });
    return { store, cleanup: () => store.close() };
  });
}
