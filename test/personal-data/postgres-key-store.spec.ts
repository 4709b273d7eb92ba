import { PostgresPersonalDataKeyStore } from '#personal-data';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor } from '../support/postgres.js';
import { describeKeyStoreContract } from './key-store.contract.js';

/** Each test gets its own schema, dropped afterwards; on CI (CI=true) an unreachable PostgreSQL fails. */
if (postgresAvailableFor('PostgresPersonalDataKeyStore')) {
  describeKeyStoreContract('PostgresPersonalDataKeyStore', async () => {
    const schema = freshSchema('credence_keys_test');
    const opened: PostgresPersonalDataKeyStore[] = [];
    const open = async () => {
      const store = await PostgresPersonalDataKeyStore.connect({ connectionString: DATABASE_URL, schema });
      opened.push(store);
      return store;
    };
    return {
      keys: await open(),
      reopen: open,
      cleanup: async () => {
        await Promise.all(opened.map((store) => store.close()));
        await dropSchema(schema);
      },
    };
  });
}
