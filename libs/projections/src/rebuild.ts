import type { EventStore } from '#event-store';
import type { ProjectionConsumer } from './projection-consumer.js';

/** Forgets the read models and replays the whole log into them, in large transactions. */
export const rebuildProjections = async (
  store: EventStore,
  consumer: ProjectionConsumer,
  batchSize = 2000,
): Promise<{ events: number; millis: number }> => {
  const started = performance.now();
  await consumer.reset();
  let batch = [];
  let events = 0;
  for await (const event of store.readAll(0, undefined, batchSize)) {
    batch.push(event);
    if (batch.length === batchSize) {
      await consumer.handle(batch);
      events += batch.length;
      batch = [];
    }
  }
  await consumer.handle(batch);
  events += batch.length;
  return { events, millis: Math.round(performance.now() - started) };
};
