import { join } from 'node:path';
import Database from 'better-sqlite3';
import { learnerBody } from '../../support/fixtures.js';
import { TestApp } from '../../support/test-app.js';

/**
 * Another connection holding the event log's write lock longer than the store waits for it (as a
 * long WAL checkpoint can under load): the request gets a 503 it can retry, never a 500, and
 * nothing of it is written.
 */
describe('an event log held busy past the wait limit', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start({ processes: () => [] });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('answers 503 with Retry-After, appends nothing, and the retry succeeds', async () => {
    const head = await api.store.headPosition();
    const other = new Database(join(api.dataDir, 'events.db'));
    try {
      other.exec('BEGIN IMMEDIATE');
      const refused = await fetch(`${api.baseUrl}/v1/learners`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token('registry')}`, 'content-type': 'application/json' },
        body: JSON.stringify(learnerBody({ email: 'busy@example.org' })),
      });
      expect([refused.status, refused.headers.get('retry-after')]).toEqual([503, '1']);
      expect(await refused.json()).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: [expect.stringMatching(/store was busy/)],
      });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await api.store.headPosition()).toBe(head);
    const retried = await api.request('POST', '/v1/learners', { body: learnerBody({ email: 'busy@example.org' }) });
    expect(retried.status).toBe(201);
  }, 30_000);
});
