import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { ProjectionConsumer, SqliteReadModelStore, rebuildProjections, recordProjections } from '#projections';
import { PROJECTIONS_CHECKPOINT, loadConfig } from '#records-api';

/** Rebuilds every read model from the start of the log. Run it with the app stopped. */
const config = loadConfig();
const store = SqliteEventStore.open({ path: join(config.dataDir, 'events.db') });
const readModels = new SqliteReadModelStore(join(config.dataDir, 'read-models.db'));
const consumer = new ProjectionConsumer(PROJECTIONS_CHECKPOINT, readModels, recordProjections);
const { events, millis } = await rebuildProjections(store, consumer);
console.log(`Rebuilt the read models from ${events} events in ${millis} ms`);
await store.close();
await readModels.close();
