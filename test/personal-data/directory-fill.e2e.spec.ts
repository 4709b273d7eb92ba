import { join } from 'node:path';
import Database from 'better-sqlite3';
import { learnerBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

/**
 * A personal-data store from before the learner directory: at open, the learners the log registered
 * are listed once (an erased one stays unlisted), so search and the email check find them.
 */
describe('filling the learner directory from the log', () => {
  const clock = new TestClock('2026-11-23T09:00:00Z');
  let api: TestApp;

  afterAll(async () => {
    await api?.destroy();
  });

  it('lists the learners registered before the directory existed, once, at open', async () => {
    api = await TestApp.start({ clock });
    const kept = (await api.request('POST', '/v1/learners', { body: learnerBody({ familyName: 'Quillfeather' }) })).body
      .id;
    const erased = (await api.request('POST', '/v1/learners', { body: learnerBody({ familyName: 'Quillgone' }) })).body
      .id;
    await api.request('POST', `/v1/learners/${erased}/erasure`, { body: { reason: 'Erasure request' } });
    await api.close();

    // The store as it was before the directory: no directory, no search index, never filled.
    const keys = new Database(join(api.dataDir, 'personal-data.db'));
    keys.exec('DROP TABLE learner_directory; DROP TABLE learner_search; DROP TABLE key_store_facts;');
    keys.close();

    api = await TestApp.start({ clock, dataDir: api.dataDir });
    const found = await api.request('GET', '/v1/learners?search=quill');
    expect(found.body.map((l: { id: string }) => l.id)).toEqual([kept]);
    const email = found.body[0].email;
    const again = await api.request('POST', '/v1/learners', { body: learnerBody({ email }) });
    expect(again).toMatchObject({ status: 409, body: { existingLearnerId: kept } });

    // Filled once: a learner taken out of the directory afterwards is not listed again at the next open.
    await api.close();
    const reopened = new Database(join(api.dataDir, 'personal-data.db'));
    expect(reopened.prepare('SELECT count(*) AS n FROM key_store_facts').get()).toEqual({ n: 1 });
    reopened.prepare('DELETE FROM learner_directory WHERE learner_id = ?').run(kept);
    reopened.close();
    api = await TestApp.start({ clock, dataDir: api.dataDir });
    const listed = await api.request('GET', `/v1/learners?search=${kept}`);
    expect(listed.body).toEqual([]);
  });
});
