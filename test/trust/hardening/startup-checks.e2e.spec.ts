import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { courseBody, learnerBody } from '../../support/fixtures.js';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor, withClient } from '../../support/postgres.js';
import { TestApp } from '../../support/test-app.js';

/** A stopped system's data folder with a few learners in it. */
const dataFolderWithLearners = async (env: Record<string, string> = {}): Promise<string> => {
  const api = await TestApp.start({ processes: () => [], env });
  await api.request('POST', '/v1/courses', { body: courseBody() });
  for (let i = 0; i < 40; i++)
    await api.request('POST', '/v1/learners', { body: learnerBody({ email: `learner-${i}@example.org` }) });
  await api.close();
  return api.dataDir;
};

const restart = (dataDir: string, env: Record<string, string> = {}) =>
  TestApp.start({ dataDir, processes: () => [], env });

describe('start-up checks of the stores', () => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const folder = async () => {
    const dir = await dataFolderWithLearners();
    folders.push(dir);
    return dir;
  };

  it('refuses to start without personal-data.db when the log holds learners, naming the file and what to do', async () => {
    const dataDir = await folder();
    rmSync(join(dataDir, 'personal-data.db'));
    const started = restart(dataDir);
    await expect(started).rejects.toThrow(join(dataDir, 'personal-data.db'));
    await expect(started).rejects.toThrow(/[Rr]estore/);
  });

  it('refuses a personal-data store whose keys are damaged (not 32 bytes)', async () => {
    const dataDir = await folder();
    const keys = new Database(join(dataDir, 'personal-data.db'));
    keys
      .prepare('UPDATE learner_keys SET data_key = ? WHERE learner_id IN (SELECT learner_id FROM learner_keys LIMIT 1)')
      .run(Buffer.alloc(5));
    keys.close();
    await expect(restart(dataDir)).rejects.toThrow(join(dataDir, 'personal-data.db'));
  });

  it('detects a corrupted page in events.db at start, naming the file', async () => {
    const dataDir = await folder();
    const path = join(dataDir, 'events.db');
    const pageSize = 4096;
    const pages = Math.floor(statSync(path).size / pageSize);
    expect(pages).toBeGreaterThan(4);
    // Overwrite a page in the middle of the file: a table's b-tree page, not the header or schema.
    const fd = openSync(path, 'r+');
    writeSync(fd, randomBytes(pageSize), 0, pageSize, Math.floor(pages / 2) * pageSize);
    closeSync(fd);
    const started = restart(dataDir);
    await expect(started).rejects.toThrow(path);
    await expect(started).rejects.toThrow(/damaged|malformed|quick_check/);
  });

  it.each(['events.db', 'read-models.db', 'personal-data.db'])(
    'names %s when it is not a database at all',
    async (name) => {
      const dataDir = await folder();
      rmSync(join(dataDir, `${name}-wal`), { force: true });
      rmSync(join(dataDir, `${name}-shm`), { force: true });
      writeFileSync(join(dataDir, name), 'this is not a database '.repeat(200));
      await expect(restart(dataDir)).rejects.toThrow(join(dataDir, name));
    },
  );

  it('starts as before on healthy files, and on an empty folder', async () => {
    const dataDir = await folder();
    const api = await restart(dataDir);
    expect((await api.request('GET', '/v1/courses')).status).toBe(200);
    await api.close();
    const fresh = await TestApp.start({ processes: () => [] });
    await fresh.destroy();
  });
});

if (postgresAvailableFor('start-up checks on PostgreSQL'))
  describe('start-up checks of the PostgreSQL key store', () => {
    const schema = freshSchema('credence_startup');
    const env = { EVENT_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: schema };
    afterAll(() => dropSchema(schema));

    it('refuses to start when personal_data_keys lost its keys while the log holds learners', async () => {
      const dataDir = await dataFolderWithLearners(env);
      await withClient((client) => client.query(`DROP TABLE "${schema}".personal_data_keys`));
      await expect(restart(dataDir, env)).rejects.toThrow(`${schema}.personal_data_keys`);
      rmSync(dataDir, { recursive: true, force: true });
    });
  });
