import type { EventStore, RecordedEvent } from '#event-store';
import { releaseParkings } from './parking/parked-stream.js';
import { ProjectionConsumer } from './projection-consumer.js';

/**
 * Forgets the consumers' read models and replays the whole log into them, in large transactions
 * (a batch of events per commit: fewer, larger commits rewrite fewer index pages; a batch's events
 * and touched documents are all that is held in memory, so memory does not grow with the log).
 * Several consumers share one pass: the log is read and parsed once, whatever their number.
 * `onBatch` hears the running total after every batch (progress, or a benchmark's memory samples).
 */
export const rebuildProjections = async (
  store: EventStore,
  consumers: ProjectionConsumer | readonly ProjectionConsumer[],
  batchSize = 10_000,
  onBatch?: (eventsSoFar: number) => void,
): Promise<{ events: number; millis: number }> => {
  const started = performance.now();
  const all = consumers instanceof ProjectionConsumer ? [consumers] : consumers;
  for (const consumer of all) {
    await consumer.reset();
    await releaseParkings(consumer.readModels, consumer.name, new Date().toISOString());
  }
  let batch: RecordedEvent[] = [];
  let events = 0;
  const flush = async () => {
    for (const consumer of all) await consumer.handle(batch);
    events += batch.length;
    batch = [];
    onBatch?.(events);
  };
  const replay = async () => {
    for await (const event of store.readAll(0, undefined, batchSize)) {
      batch.push(event);
      if (batch.length === batchSize) await flush();
    }
    await flush();
  };
  // The app is stopped during a rebuild: each read-model store may switch to bulk loading.
  const stores = [...new Set(all.map((consumer) => consumer.readModels))];
  const inBulk = stores.reduceRight<() => Promise<void>>(
    (inner, readModels) => (readModels.bulkLoad ? () => readModels.bulkLoad!(inner) : inner),
    replay,
  );
  await inBulk();
  return { events, millis: Math.round(performance.now() - started) };
};
