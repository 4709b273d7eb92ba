import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { SqliteReadModelStore, rebuildProjections } from '#projections';
import { loadConfig, readModelConsumers } from '#runtime';

/** Rebuilds every read model from the start of the log, in one pass. Run it with the app stopped. */
const config = loadConfig();
const store = SqliteEventStore.open({ path: join(config.dataDir, 'events.db') });
const readModels = new SqliteReadModelStore(join(config.dataDir, 'read-models.db'));
const consumers = readModelConsumers(readModels);
const { events, millis } = await rebuildProjections(store, consumers);
console.log(
  `Rebuilt the read models (${consumers.map((c) => c.name).join(', ')}) from ${events} events in ${millis} ms`,
);
await store.close();
await readModels.close();
