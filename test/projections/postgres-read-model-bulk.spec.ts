import { DATABASE_URL, freshSchema, postgresAvailableFor, withClient } from '../support/postgres.js';
import { PostgresReadModelStore } from '../../libs/projections/src/postgres/postgres-read-model-store.js';
import { write } from './read-model-store.contract.js';

/** Large commits (a rebuild's batches) and bulk loading on PostgreSQL. */
if (postgresAvailableFor('PostgresReadModelStore bulk writes')) {
  describe('PostgresReadModelStore bulk writes', () => {
    let schema: string;
    let store: PostgresReadModelStore;
    beforeEach(async () => {
      schema = freshSchema('credence_rm_test');
      store = await PostgresReadModelStore.connect({ connectionString: DATABASE_URL, schema });
    });
    afterEach(async () => {
      await store.close();
      await withClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    });

    const indexes = () =>
      withClient(async (client) =>
        (
          await client.query<{ indexdef: string }>(
            `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'documents' ORDER BY indexname`,
            [schema],
          )
        ).rows.map((row) => row.indexdef),
      );

    it('writes a commit of thousands of documents whole, the last write of a document winning', async () => {
      const writes = Array.from({ length: 2500 }, (_, i) => write('items', `i-${i}`, { n: i }, { ref: `r-${i % 7}` }));
      writes.push(write('items', 'i-3', { n: 'last' }, { ref: 'r-3' }));
      await store.commit('p', 9, writes);
      expect(await store.checkpoint('p')).toBe(9);
      expect(await store.get('items', 'i-2499')).toEqual({ n: 2499 });
      expect(await store.get('items', 'i-3')).toEqual({ n: 'last' });
      expect(await store.findByRef('items', 'r-6')).toHaveLength(357);
    });

    it('writes nothing of a large commit when one document cannot be serialised, not even the checkpoint', async () => {
      await store.commit('p', 1, [write('items', 'before', { n: 0 })]);
      const writes = Array.from({ length: 2500 }, (_, i) => write('items', `i-${i}`, { n: i }));
      writes[2200] = write('items', 'bad', undefined);
      await expect(store.commit('p', 2, writes)).rejects.toThrow(/no JSON representation/);
      expect(await store.checkpoint('p')).toBe(1);
      expect(await store.get('items', 'i-0')).toBeUndefined();
      expect(await store.get('items', 'before')).toEqual({ n: 0 });
    });

    it('bulk-loads without the secondary indexes and has them back afterwards, even when the work fails', async () => {
      const before = await indexes();
      let during: string[] = [];
      await expect(
        store.bulkLoad(async () => {
          during = await indexes();
          await store.commit('p', 1, [write('items', 'a', { n: 1 }, { ref: 'r', status: 's', due: '2026-01-01' })]);
          throw new Error('stopped');
        }),
      ).rejects.toThrow('stopped');
      expect(before.length).toBeGreaterThan(during.length);
      expect(during.every((def) => def.includes('documents_pkey'))).toBe(true);
      expect(await indexes()).toEqual(before);
      expect(await store.findDue('items', 's', '2027-01-01', 10)).toEqual([{ n: 1 }]);
    });
  });
}
