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

  describe('commitTogether', () => {
    let dir: string;
    let store: SqliteReadModelStore;
    beforeEach(async () => {
      let path: string;
      ({ dir, path } = await tempDatabase());
      store = new SqliteReadModelStore(path);
    });
    afterEach(async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    });

    it("writes the named consumers' commits when the work ends, and others at once", async () => {
      const together = new Set(['records', 'workspace']);
      await store.commitTogether(together, async () => {
        await store.commit('records', 7, [write('learners', 'l-1', { n: 1 })]);
        await store.commit('workspace', 7, [write('directory', 'l-1', { n: 1 })]);
        await store.commit('relay', 7, []);
        expect(await store.checkpoint('records')).toBe(0);
        expect(await store.get('learners', 'l-1')).toBeUndefined();
        expect(await store.checkpoint('relay')).toBe(7);
        together.delete('workspace'); // failed meanwhile: its next commit (a catch-up) is its own
        await store.commit('workspace', 9, [write('directory', 'l-2', { n: 2 })]);
        expect(await store.checkpoint('workspace')).toBe(9);
      });
      expect(await store.checkpoint('records')).toBe(7);
      expect(await store.get('learners', 'l-1')).toEqual({ n: 1 });
      // The gathered commit went in after the direct one, in the order they were made.
      expect(await store.checkpoint('workspace')).toBe(7);
    });

    it('writes none of them when the shared transaction fails, and says so', async () => {
      await store.commit('records', 3, [write('learners', 'l-0', { n: 0 })]);
      const unwritable = { n: BigInt(1) }; // JSON.stringify throws inside the transaction
      await expect(
        store.commitTogether(new Set(['records', 'workspace']), async () => {
          await store.commit('records', 7, [write('learners', 'l-1', { n: 1 })]);
          await store.commit('workspace', 7, [write('directory', 'l-1', unwritable)]);
        }),
      ).rejects.toThrow(/BigInt/);
      expect(await store.checkpoint('records')).toBe(3);
      expect(await store.checkpoint('workspace')).toBe(0);
      expect(await store.get('learners', 'l-1')).toBeUndefined();
    });
  });
});
