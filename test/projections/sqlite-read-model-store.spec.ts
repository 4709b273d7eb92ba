import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadModelStore } from '#projections';
import { describeReadModelStoreContract, write } from './read-model-store.contract.js';

const tempDatabase = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'credence-read-models-'));
  return { dir, path: join(dir, 'read-models.db') };
};

describeReadModelStoreContract('SqliteReadModelStore (WAL file)', async () => {
  const { dir, path } = await tempDatabase();
  const store = new SqliteReadModelStore(path);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteReadModelStore', () => {
  it('keeps documents and checkpoints across close and reopen', async () => {
    const { dir, path } = await tempDatabase();
    try {
      const first = new SqliteReadModelStore(path);
      await first.commit('p', 3, [write('learners', 'l-1', { n: 1 }, { ref: 'r' })]);
      await first.close();
      const second = new SqliteReadModelStore(path);
      expect(await second.checkpoint('p')).toBe(3);
      expect(await second.findByRef('learners', 'r')).toEqual([{ n: 1 }]);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
