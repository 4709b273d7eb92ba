import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, SubscriptionHub, type CheckpointedConsumer, type RecordedEvent } from '#event-store';

const metadata = {
  actor: 't',
  role: 'system',
  correlationId: 'c',
  causationId: null,
  occurredAt: '2026-11-23T09:00:00Z',
};

/** Records the size of every batch it is handed. */
class BatchRecorder implements CheckpointedConsumer {
  readonly name = 'batches';
  batches: number[][] = [];
  async position() {
    return 0;
  }
  async handle(events: readonly RecordedEvent[]) {
    this.batches.push(events.map((e) => e.position));
    await new Promise((resolve) => setTimeout(resolve, 2)); // a transaction, a broker round trip
  }
}

describe('SubscriptionHub live feed', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'credence-hub-batches-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = (n: number) =>
    Promise.all(
      Array.from({ length: n }, () =>
        store.append(`s-${Math.random()}`, [{ type: 'Thing', data: {}, metadata }], 'no-stream'),
      ),
    );

  it('hands a consumer what arrived while it was busy in one batch, every event once and in order', async () => {
    await append(300);
    const consumer = new BatchRecorder();
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
