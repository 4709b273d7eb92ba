import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EsdbEventStore, PostgresEventStore, SqliteEventStore, type EventStore } from '#event-store';
import { PostgresReadModelStore, SqliteReadModelStore, type ReadModelStore } from '#projections';
import type { AppConfig } from '../config/app-config.js';

export interface Stores {
  store: EventStore;
  readModels: ReadModelStore;
}

const required = (value: string | undefined, name: string, kind: string): string => {
  if (!value) throw new Error(`${name} is required when EVENT_STORE=${kind}`);
  return value;
};

const sqliteReadModels = (dataDir: string): ReadModelStore => {
  mkdirSync(dataDir, { recursive: true });
  return new SqliteReadModelStore(join(dataDir, 'read-models.db'));
};

/**
 * Opens the event store and the read-model store that EVENT_STORE selects:
 * - sqlite:   events.db and read-models.db in DATA_DIR;
 * - postgres: both in DATABASE_URL (tables events/streams and documents/checkpoints, schema public);
 * - esdb:     events in EventStoreDB (EVENTSTORE_URL); read models in PostgreSQL when DATABASE_URL
 *             is set, else read-models.db in DATA_DIR.
 * If the second store cannot be opened, the first is closed again before the error propagates.
 */
export const openStores = async (config: AppConfig): Promise<Stores> => {
  let store: EventStore;
  switch (config.eventStore) {
    case 'sqlite':
      mkdirSync(config.dataDir, { recursive: true });
      store = SqliteEventStore.open({ path: join(config.dataDir, 'events.db') });
      break;
    case 'postgres':
      store = await PostgresEventStore.connect({
        connectionString: required(config.databaseUrl, 'DATABASE_URL', 'postgres'),
        schema: config.databaseSchema,
      });
      break;
    case 'esdb':
      store = await EsdbEventStore.connect({
        connectionString: required(config.eventStoreUrl, 'EVENTSTORE_URL', 'esdb'),
      });
      break;
    default:
      throw new Error(`unknown event store ${String(config.eventStore satisfies never)}`);
  }
  try {
    // postgres has a DATABASE_URL (checked above); esdb may or may not.
    const readModels =
      config.eventStore !== 'sqlite' && config.databaseUrl
        ? await PostgresReadModelStore.connect({ connectionString: config.databaseUrl, schema: config.databaseSchema })
        : sqliteReadModels(config.dataDir);
    return { store, readModels };
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
};
