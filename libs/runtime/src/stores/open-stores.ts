import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '#domain';
import { EsdbEventStore, PostgresEventStore, SqliteEventStore, type EventStore } from '#event-store';
import { PostgresReadModelStore, SqliteReadModelStore, type ReadModelStore } from '#projections';
import {
  fillDirectoryFromLog,
  PersonalDataVault,
  PostgresPersonalDataKeyStore,
  SealingEventStore,
  SqlitePersonalDataKeyStore,
  type PersonalDataKeyStore,
} from '#personal-data';
import { openSqliteFile } from '../sqlite-file.js';
import { readModelsShared, type AppConfig } from '../config/app-config.js';
import { checkKeyStoreAgainstLog } from './key-store-check.js';

export interface Stores {
  /** Seals learner personal data on every append (see SealingEventStore); closing it closes the vault. */
  store: EventStore;
  readModels: ReadModelStore;
  /** Per-learner data keys: opens personal data for readers, destroys a key on erasure. */
  vault: PersonalDataVault;
}

const required = (value: string | undefined, name: string, kind: string): string => {
  if (!value) throw new Error(`${name} is required when EVENT_STORE=${kind}`);
  return value;
};

/** What to do about a damaged SQLite file, by file. */
const RESTORE = 'Stop every process using it and restore it from a backup.';
const REBUILD_READ_MODELS =
  'The read models can be rebuilt from the event log: stop the system, move the file (and its -wal and -shm) aside and run npm run projections:rebuild.';

const sqliteReadModels = (dataDir: string): ReadModelStore => {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'read-models.db');
  return openSqliteFile(path, REBUILD_READ_MODELS, () => new SqliteReadModelStore(path));
};

const sqliteKeyStore = (dataDir: string): PersonalDataKeyStore => {
  const path = join(dataDir, 'personal-data.db');
  return openSqliteFile(path, RESTORE, () => new SqlitePersonalDataKeyStore(path));
};

/**
 * Opens the event store and the read-model store that EVENT_STORE selects:
 * - sqlite:   events.db and read-models.db in DATA_DIR;
 * - postgres: both in DATABASE_URL (tables events/streams and documents/checkpoints, schema public);
 * - esdb:     events in EventStoreDB (EVENTSTORE_URL); read models in PostgreSQL when DATABASE_URL
 *             is set, else read-models.db in DATA_DIR.
 * The personal-data keys live beside the read models: `personal_data_keys` in PostgreSQL, else
 * personal-data.db in DATA_DIR (never in the event log).
 * Each SQLite file is checked (PRAGMA quick_check) before it is opened, and the key store against the
 * log (see checkKeyStoreAgainstLog); every such error names the file and what to do. A key store
 * whose learner directory was never filled from the log is filled once (fillDirectoryFromLog).
 * If a later store cannot be opened, the earlier ones are closed again before the error propagates.
 */
export const openStores = async (config: AppConfig, clock: Clock = systemClock): Promise<Stores> => {
  let store: EventStore;
  switch (config.eventStore) {
    case 'sqlite': {
      mkdirSync(config.dataDir, { recursive: true });
      const path = join(config.dataDir, 'events.db');
      store = openSqliteFile(path, RESTORE, () => SqliteEventStore.open({ path }));
      break;
    }
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
  let readModels: ReadModelStore | undefined;
  try {
    // postgres has a DATABASE_URL (checked above); esdb may or may not.
    const databaseUrl = readModelsShared(config) ? config.databaseUrl : undefined;
    readModels = databaseUrl
      ? await PostgresReadModelStore.connect({ connectionString: databaseUrl, schema: config.databaseSchema })
      : sqliteReadModels(config.dataDir);
    const keys: PersonalDataKeyStore = databaseUrl
      ? await PostgresPersonalDataKeyStore.connect({ connectionString: databaseUrl, schema: config.databaseSchema })
      : sqliteKeyStore(config.dataDir);
    const vault = new PersonalDataVault(keys, clock);
    try {
      await checkKeyStoreAgainstLog(keys, store);
      await fillDirectoryFromLog(vault, store, clock.now());
    } catch (err) {
      await keys.close();
      throw err;
    }
    return { store: new SealingEventStore(store, vault), readModels, vault };
  } catch (err) {
    await store.close().catch(() => undefined);
    await readModels?.close().catch(() => undefined);
    throw err;
  }
};
