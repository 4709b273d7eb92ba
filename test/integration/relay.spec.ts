import { SqliteEventStore, SubscriptionHub } from '#event-store';
import { SqliteReadModelStore } from '#projections';
import {
  InMemoryCheckpointStore,
  IntegrationRelay,
  ReadModelCheckpointStore,
  RelayPublishError,
  type CloudEvent,
  type IntegrationPublisher,
} from '#integration';
import { awardIssued, awardRevoked, eventually, markRecorded, tempDir } from './fixtures.js';

/** Records what it accepts; can be made to fail or to wait. */
class FakePublisher implements IntegrationPublisher {
  readonly accepted: CloudEvent[] = [];
  readonly attempts: string[][] = [];
  failures = 0;
  gate: Promise<void> | undefined;
  onAck: ((events: readonly CloudEvent[]) => Promise<void>) | undefined;

  constructor(readonly name = 'fake') {}

  async publish(events: readonly CloudEvent[]): Promise<void> {
    this.attempts.push(events.map((e) => e.id));
    await this.gate;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('broker unavailable');
    }
    this.accepted.push(...events);
    await this.onAck?.(events);
  }

  async close(): Promise<void> {}
}

describe('IntegrationRelay (SubscriptionHub over a SqliteEventStore file)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  let hub: SubscriptionHub | undefined;
  const hubErrors: unknown[] = [];

  beforeEach(async () => {
    dir = await tempDir('credence-relay-');
    store = SqliteEventStore.open({ path: dir.path('events.db') });
    readModels = new SqliteReadModelStore(dir.path('read-models.db'));
    hubErrors.length = 0;
  });

  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
    await store.close();
    await readModels.close();
    await dir.remove();
  });

  const run = (relay: IntegrationRelay) => {
    hub = new SubscriptionHub(store, [relay], { retryDelayMs: 20, logger: { error: (_m, e) => hubErrors.push(e) } });
    hub.start();
    return hub;
  };

  it('publishes only integration events, in order, and saves the checkpoint in the read-model store', async () => {
    const kafka = new FakePublisher();
    const checkpoints = new ReadModelCheckpointStore(readModels);
    const relay = new IntegrationRelay({ sinks: [kafka], checkpoints });
    const issued = awardIssued('learner-1');
    await store.append('award-1', [issued], 'no-stream');
    await store.append('enrolment-1', [markRecorded()], 'no-stream');
    const revoked = awardRevoked('learner-1', 'award-1');
    const { lastPosition } = await store.append('award-1', [revoked], 1);

    const started = run(relay);
    expect(await started.waitFor(lastPosition, 5000)).toBe(true);

    expect(kafka.accepted.map((e) => [e.id, e.type])).toEqual([
      [issued.id, 'credence.award.issued.v1'],
      [revoked.id, 'credence.award.revoked.v1'],
    ]);
    expect(await readModels.checkpoint('integration-relay')).toBe(lastPosition);
    expect(relay.filter.eventTypes).toContain('AwardIssued');
  });

  it('saves the checkpoint only after the publish resolved', async () => {
    const kafka = new FakePublisher();
    const checkpoints = new ReadModelCheckpointStore(readModels);
    const relay = new IntegrationRelay({ sinks: [kafka], checkpoints });
    const seenAtAck: number[] = [];
    kafka.onAck = async () => void seenAtAck.push(await relay.position());
    let release!: () => void;
    kafka.gate = new Promise((resolve) => (release = resolve));
    const { lastPosition } = await store.append('award-1', [awardIssued('learner-1')], 'no-stream');

    run(relay);
    expect(await eventually(() => kafka.attempts.length === 1, 5000)).toBe(true);
    expect(await relay.position()).toBe(0); // publishing, not acknowledged: no checkpoint

    release();
    expect(await hub!.waitFor(lastPosition, 5000)).toBe(true);
    expect(seenAtAck).toEqual([0]); // even at the moment of the ack the checkpoint was still behind
    expect(await relay.position()).toBe(lastPosition);
  });

  it('on a publish failure keeps the checkpoint, and the hub republishes the same events (same ids)', async () => {
    const kafka = new FakePublisher();
    kafka.failures = 3;
    const relay = new IntegrationRelay({ sinks: [kafka], checkpoints: new InMemoryCheckpointStore() });
    const event = awardIssued('learner-1');
    const { lastPosition } = await store.append('award-1', [event], 'no-stream');

    run(relay);
    // The hub detaches the failing relay (other consumers carry on) and retries it with backoff.
    expect(await eventually(() => kafka.accepted.length === 1, 5000)).toBe(true);

    expect(kafka.attempts).toEqual([[event.id], [event.id], [event.id], [event.id]]);
    expect(kafka.accepted.map((e) => e.id)).toEqual([event.id]);
    expect(hubErrors).toHaveLength(3);
    expect(hubErrors[0]).toBeInstanceOf(RelayPublishError);
    expect(String((hubErrors[0] as Error).message)).toMatch(
      /fake did not accept events up to position 1; the checkpoint stays: broker unavailable/,
    );
    expect(await relay.position()).toBe(lastPosition);
  });

  it('does not move the checkpoint when one of several sinks fails, and waits for the others to finish', async () => {
    const kafka = new FakePublisher('kafka');
    kafka.failures = 1;
    let slowDone = false;
    const slow: IntegrationPublisher = {
      name: 'slow',
      publish: async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        slowDone = true;
      },
      close: async () => undefined,
    };
    const checkpoints = new InMemoryCheckpointStore();
    const relay = new IntegrationRelay({ sinks: [kafka, slow], checkpoints });
    const { lastPosition } = await store.append('award-1', [awardIssued('learner-1')], 'no-stream');
    const recorded = await store.read('award-1');

    await expect(relay.handle(recorded)).rejects.toBeInstanceOf(RelayPublishError);
    expect(slowDone).toBe(true);
    expect(await relay.position()).toBe(0);

    await relay.handle(recorded);
    expect(await relay.position()).toBe(lastPosition);
  });

  it('resumes from its checkpoint after a restart without republishing', async () => {
    const checkpoints = new ReadModelCheckpointStore(readModels);
    const first = new FakePublisher();
    const a = awardIssued('learner-1');
    const b = awardIssued('learner-2');
    const { lastPosition: p1 } = await store.append('award-a', [a], 'no-stream');
    run(new IntegrationRelay({ name: 'award-relay', sinks: [first], checkpoints }));
    expect(await hub!.waitFor(p1, 5000)).toBe(true);
    await hub!.stop();

    const { lastPosition: p2 } = await store.append('award-b', [b], 'no-stream');
    const second = new FakePublisher();
    run(new IntegrationRelay({ name: 'award-relay', sinks: [second], checkpoints }));
    expect(await hub!.waitFor(p2, 5000)).toBe(true);

    expect(first.accepted.map((e) => e.id)).toEqual([a.id]);
    expect(second.accepted.map((e) => e.id)).toEqual([b.id]);
    expect(await readModels.checkpoint('award-relay')).toBe(p2);
  });
});
