/**
 * Throughput and latency of the Kafka path, printed (no timing assertions). Opt-in, because it
 * takes a while and only means something on a quiet machine:
 *   KAFKA_MEASURE=1 node --experimental-vm-modules node_modules/jest/bin/jest.js test/integration/kafka-measure.spec.ts
 */
import { SqliteEventStore, SubscriptionHub } from '#event-store';
import { SqliteReadModelStore } from '#projections';
import {
  IntegrationRelay,
  KafkaPublisher,
  ReadModelCheckpointStore,
  toIntegrationEvent,
  type CloudEvent,
} from '#integration';
import { awardIssued, eventually, recorded, sleep, tempDir } from './fixtures.js';
import {
  BROKERS,
  CollectingConsumer,
  RUN_ID,
  brokerReachable,
  collectingLogger,
  createTopic,
  deleteTopics,
  percentile,
} from './kafka-support.js';

const enabled = process.env.KAFKA_MEASURE === '1' && (await brokerReachable());
if (process.env.KAFKA_MEASURE !== '1')
  console.warn('kafka-measure.spec.ts: set KAFKA_MEASURE=1 to run the measurements');
else if (!enabled) console.warn(`kafka-measure.spec.ts: Kafka not reachable at ${BROKERS.join(',')}; skipped`);

const events = (n: number, learners = 50): CloudEvent[] =>
  Array.from({ length: n }, (_, i) => toIntegrationEvent(recorded(awardIssued(`learner-${i % learners}`, i), i + 1))!);

(enabled ? describe : describe.skip)('Kafka path measurements', () => {
  const topics: string[] = [];
  afterAll(() => deleteTopics(topics));

  it('publish throughput (acks=all, idempotent, 3 partitions)', async () => {
    const topic = `credence.awards.measure-${RUN_ID}-publish`;
    topics.push(topic);
    await createTopic(topic, 3);
    const publisher = new KafkaPublisher({ brokers: BROKERS, topic, logger: collectingLogger() });
    try {
      await publisher.publish(events(10)); // connect + warm up
      const rows: string[] = [];
      for (const batch of [1, 10, 100, 500]) {
        const total = batch === 1 ? 1000 : 10_000;
        const all = events(total);
        const started = performance.now();
        for (let i = 0; i < total; i += batch) await publisher.publish(all.slice(i, i + batch));
        const seconds = (performance.now() - started) / 1000;
        rows.push(
          `batch ${String(batch).padStart(3)}: ${total} events in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} events/s`,
        );
      }
      console.log(`KafkaPublisher throughput to ${BROKERS.join(',')}\n${rows.join('\n')}`);
    } finally {
      await publisher.close();
    }
  }, 300_000);

  it('relay end-to-end: append -> SubscriptionHub -> Kafka -> consumer group', async () => {
    const dir = await tempDir('credence-measure-');
    const store = SqliteEventStore.open({ path: dir.path('events.db') });
    const readModels = new SqliteReadModelStore(dir.path('read-models.db'));
    const topic = `credence.awards.measure-${RUN_ID}-e2e`;
    topics.push(topic);
    await createTopic(topic, 3);
    const consumer = new CollectingConsumer(topic, `measure-${RUN_ID}`);
    const publisher = new KafkaPublisher({ brokers: BROKERS, topic, logger: collectingLogger() });
    const checkpoints = new ReadModelCheckpointStore(readModels);
    const hub = new SubscriptionHub(
      store,
      [new IntegrationRelay({ name: 'measure', sinks: [publisher], checkpoints })],
      {
        retryDelayMs: 250,
      },
    );
    try {
      await consumer.start();
      hub.start();
      const warm = awardIssued('warm-up');
      await store.append(`award-${warm.id}`, [warm], 'no-stream');
      await eventually(() => consumer.received.length >= 1, 30_000);

      // Latency: 400 events, one every 10 ms (a busy but not saturated relay).
      const appendedAt = new Map<string, number>();
      for (let i = 0; i < 400; i++) {
        const event = awardIssued(`learner-${i % 20}`, i);
        appendedAt.set(event.id!, Date.now());
        await store.append(`award-${event.id}`, [event], 'no-stream');
        await sleep(10);
      }
      await eventually(() => consumer.received.length >= 401, 60_000);
      const latencies = consumer.received
        .filter((r) => appendedAt.has(r.event.id))
        .map((r) => r.receivedAt - appendedAt.get(r.event.id)!);

      // Relay throughput: 3000 events appended at once (the hub hands the relay one event at a time).
      const before = consumer.received.length;
      let head = 0;
      for (let i = 0; i < 3000; i++) {
        const event = awardIssued(`learner-${i % 20}`, i);
        head = (await store.append(`award-${event.id}`, [event], 'no-stream')).lastPosition;
      }
      const started = performance.now();
      await hub.waitFor(head, 120_000);
      const relaySeconds = (performance.now() - started) / 1000;
      await eventually(() => consumer.received.length >= before + 3000, 60_000);

      console.log(
        `relay end-to-end latency append -> consumer (n=${latencies.length}): p50 ${percentile(latencies, 50)} ms, ` +
          `p90 ${percentile(latencies, 90)} ms, p99 ${percentile(latencies, 99)} ms, max ${Math.max(...latencies)} ms\n` +
          `relay catch-up throughput: 3000 events in ${relaySeconds.toFixed(2)} s = ${Math.round(3000 / relaySeconds)} events/s`,
      );
    } finally {
      await hub.stop();
      await consumer.stop();
      await publisher.close();
      await store.close();
      await readModels.close();
      await dir.remove();
    }
  }, 300_000);
});
