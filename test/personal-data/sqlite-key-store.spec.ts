import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlitePersonalDataKeyStore } from '#personal-data';
import { describeKeyStoreContract } from './key-store.contract.js';

const tempStore = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'credence-keys-'));
  const opened: SqlitePersonalDataKeyStore[] = [];
  const open = () => {
    const store = new SqlitePersonalDataKeyStore(join(dir, 'personal-data.db'));
    opened.push(store);
    return store;
  };
  return {
    dir,
    open,
    cleanup: async () => {
      for (const store of opened) await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

describeKeyStoreContract('SqlitePersonalDataKeyStore', async () => {
  const db = await tempStore();
  return { keys: db.open(), reopen: async () => db.open(), cleanup: db.cleanup };
});

describe('SqlitePersonalDataKeyStore on disk', () => {
  /** Every byte of every file of the store (database, WAL, shared memory). */
  const filesOf = async (dir: string): Promise<Buffer> =>
    Buffer.concat(await Promise.all((await readdir(dir)).map((name) => readFile(join(dir, name)))));

  it('leaves no copy of a destroyed key in its files (database or WAL)', async () => {
    const db = await tempStore();
    try {
      const keys = db.open();
      const learner = randomUUID();
      const key = randomBytes(32);
      await keys.create(learner, key, new Date());
      for (let i = 0; i < 20; i++) await keys.create(randomUUID(), randomBytes(32), new Date());
      expect((await filesOf(db.dir)).includes(key)).toBe(true);

      await keys.shred(learner, new Date());
      expect((await filesOf(db.dir)).includes(key)).toBe(false);
      await keys.close();
      expect((await filesOf(db.dir)).includes(key)).toBe(false);
    } finally {
      await db.cleanup();
    }
  });
});
