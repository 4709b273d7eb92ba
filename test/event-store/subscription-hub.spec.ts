import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, SubscriptionHub, type CheckpointedConsumer, type RecordedEvent } from '#event-store';
import { metadata } from '../support/event-metadata.js';

/** A consumer with an in-memory checkpoint that can be made to fail. */
class Recorder implements CheckpointedConsumer {
  seen: number[] = [];
  checkpoint = 0;
  failing = false;
  constructor(
    readonly name: string,
    readonly filter?: CheckpointedConsumer['filter'],
  ) {}
  async position() {
    return this.checkpoint;
  }
  async handle(events: readonly RecordedEvent[]) {
    if (this.failing) throw new Error(`${this.name} is down`);
    for (const e of events) {
      this.seen.push(e.position);
      this.checkpoint = e.position;
    }
  }
}

/** Records the batches it is handed, as the positions in each; `busyMs` stands for a transaction or a broker round trip. */
class BatchRecorder extends Recorder {
  batches: number[][] = [];
  busyMs = 0;
  override async handle(events: readonly RecordedEvent[]) {
    this.batches.push(events.map((e) => e.position));
    if (this.busyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.busyMs));
    await super.handle(events);
  }
}

const until = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('SubscriptionHub', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'credence-hub-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = (n: number, type = 'Thing') =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        store.append(`s-${Math.random()}`, [{ type: i % 2 ? type : 'Other', data: {}, metadata }], 'no-stream'),
      ),
    );

  it('keeps feeding healthy consumers while a failing one is detached, then the failed one catches up exactly once', async () => {
    const projections = new Recorder('projections');
    const relay = new Recorder('relay', { eventTypes: ['Thing'] });
    const errors: string[] = [];
    const hub = new SubscriptionHub(store, [projections, relay], {
      retryDelayMs: 20,
      maxRetryDelayMs: 40,
      catchUpBatch: 7,
      logger: { error: (m) => errors.push(m) },
    });
    hub.start();
    await append(10);
    await until(() => projections.seen.length === 10 && relay.seen.length === 5, 'first events');

    relay.failing = true;
    await append(40);
    await until(() => projections.seen.length === 50, 'projections to carry on');
    expect(hub.detached()).toEqual(['relay']);
    expect(await hub.waitFor(await store.headPosition(), 1000)).toBe(true);

    relay.failing = false;
    await until(() => hub.detached().length === 0, 'the relay to rejoin');
    await append(20);
    await until(() => projections.seen.length === 70 && relay.seen.length === 35, 'everything after rejoining');
    await hub.stop();

    const head = await store.headPosition();
    expect(projections.seen).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    const things = [];
    for await (const e of store.readAll(0, { eventTypes: ['Thing'] })) things.push(e.position);
    expect(relay.seen).toEqual(things);
    expect(errors).toContain('relay failed; it will catch up from its checkpoint');
  });

  it('resolves waitFor once every attached consumer has the position, and false on timeout', async () => {
    const consumer = new Recorder('c');
    const hub = new SubscriptionHub(store, [consumer]);
    hub.start();
    const { lastPosition } = await store.append('s-1', [{ type: 'Thing', data: {}, metadata }], 'no-stream');
    expect(await hub.waitFor(lastPosition, 2000)).toBe(true);
    expect(consumer.seen).toEqual([lastPosition]);
    expect(await hub.waitFor(lastPosition + 5, 50)).toBe(false);
    await hub.stop();
  });

  it('hands each live batch over inside commitTogether, and tells waiters only once it has ended', async () => {
    const projections = new Recorder('projections');
    const relay = new Recorder('relay');
    const durable = { projections: 0, relay: 0 };
    let handedOver: string[] = [];
    const hub = new SubscriptionHub(store, [projections, relay], {
      // Stands in for a store that writes the consumers' checkpoints when the hand-over ends.
      commitTogether: async (consumers, handOver) => {
        handedOver = [...consumers];
        await handOver();
        await new Promise((r) => setTimeout(r, 30)); // a slow shared commit
        durable.projections = projections.checkpoint;
        durable.relay = relay.checkpoint;
      },
    });
    hub.start();
    try {
      const { lastPosition } = await store.append('s-1', [{ type: 'Thing', data: {}, metadata }], 'no-stream');

      expect(await hub.waitFor(lastPosition, 2000)).toBe(true);
      expect(durable).toEqual({ projections: lastPosition, relay: lastPosition });
      expect(handedOver).toEqual(['projections', 'relay']);
    } finally {
      await hub.stop();
    }
  });

  it('leaves a consumer that fails out of the shared commit, and sends everyone of a failed one back to their checkpoints', async () => {
    const projections = new Recorder('projections');
    const relay = new Recorder('relay');
    const together: string[][] = [];
    let sharedCommitFails = false;
    const hub = new SubscriptionHub(store, [projections, relay], {
      retryDelayMs: 20,
      maxRetryDelayMs: 40,
      commitTogether: async (consumers, handOver) => {
        const checkpoints = { projections: projections.checkpoint, relay: relay.checkpoint };
        await handOver();
        together.push([...consumers]);
        if (sharedCommitFails) {
          // Nothing of the batch was written: the consumers' durable checkpoints stay where they were.
          projections.checkpoint = checkpoints.projections;
          relay.checkpoint = checkpoints.relay;
          throw new Error('disk full');
        }
      },
      logger: { error: () => undefined },
    });
    hub.start();
    try {
      relay.failing = true;
      const first = await store.append('s-1', [{ type: 'Thing', data: {}, metadata }], 'no-stream');
      await until(() => together.length === 1, 'the first batch');
      expect(together[0]).toEqual(['projections']);
      relay.failing = false;
      await until(() => relay.seen.includes(first.lastPosition), 'the relay to catch up');

      sharedCommitFails = true;
      const second = await store.append('s-2', [{ type: 'Thing', data: {}, metadata }], 'no-stream');
      await until(() => hub.detached().length === 2, 'both to be detached');
      sharedCommitFails = false;
      await until(() => hub.detached().length === 0, 'both to catch up');
      // Each saw the event again after the failed commit, and now holds it durably.
      expect(projections.seen.filter((p) => p === second.lastPosition)).toHaveLength(2);
      expect(projections.checkpoint).toBe(second.lastPosition);
      expect(relay.checkpoint).toBe(second.lastPosition);
    } finally {
      await hub.stop();
    }
  });

  it('hands a reacting consumer each batch first, and the others the batch with its reactions, each event once', async () => {
    /** Answers every Mark with a Release on the same stream, as the board runner classifies marks. */
    class Runner extends BatchRecorder {
      readonly reacts = true;
      override async handle(events: readonly RecordedEvent[]) {
        await super.handle(events);
        for (const e of events)
          if (e.type === 'Mark')
            await store.append(e.streamId, [{ type: 'Release', data: {}, metadata }], e.streamVersion);
      }
    }
    const projections = new BatchRecorder('projections');
    const runner = new Runner('runner');
    const relay = new BatchRecorder('relay', { eventTypes: ['Release'] });
    const hub = new SubscriptionHub(store, [projections, runner, relay]);
    hub.start();
    try {
      const mark = await store.append('enrolment-1', [{ type: 'Mark', data: {}, metadata }], 'no-stream');
      const release = mark.lastPosition + 1;
      await until(() => runner.seen.includes(release), 'the runner to see its own release');

      expect(runner.batches).toEqual([[mark.lastPosition], [release]]);
      expect(projections.batches).toEqual([[mark.lastPosition, release]]);
      expect(relay.batches).toEqual([[release]]);
      expect(await hub.waitFor(release, 1000)).toBe(true);
      expect([projections.checkpoint, runner.checkpoint, relay.checkpoint]).toEqual([release, release, release]);
    } finally {
      await hub.stop();
    }
  });

  it('hands a consumer what arrived while it was busy in one batch, every event once and in order', async () => {
    await append(300);
    const consumer = new BatchRecorder('batches');
    consumer.busyMs = 2;
    const hub = new SubscriptionHub(store, [consumer], { liveBatch: 100 });
    hub.start();
    expect(await hub.waitFor(300, 5000)).toBe(true);
    await append(50);
    expect(await hub.waitFor(350, 5000)).toBe(true);
    await hub.stop();

    expect(consumer.batches.flat()).toEqual(Array.from({ length: 350 }, (_, i) => i + 1));
    expect(Math.max(...consumer.batches.map((b) => b.length))).toBe(100);
    expect(consumer.batches.length).toBeLessThan(20);
  });
});
