import type Database from 'better-sqlite3';
import { learnerBody } from '../../support/fixtures.js';
import { TestApp } from '../../support/test-app.js';

/**
 * A full disk, simulated without root: PRAGMA max_page_count caps the event log's file at its
 * current size on the application's own connection, so the next append fails with SQLITE_FULL
 * exactly as it would on a full disk; raising the cap again is space returning.
 */
const eventLogConnection = (api: TestApp): Database.Database =>
  (api.store as unknown as { inner: { db: Database.Database } }).inner.db;

describe('a storage write failure (disk full)', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start({ processes: () => [] });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('answers 503 with a clear message, appends nothing, and recovers when space returns', async () => {
    const db = eventLogConnection(api);
    const pages = db.pragma('page_count', { simple: true }) as number;
    const head = await api.store.headPosition();
    db.pragma(`max_page_count = ${pages}`);
    const big = 'x'.repeat(90);
    const statuses: number[] = [];
    let refused: any;
    for (let i = 0; i < 300 && !refused; i++) {
      const response = await api.request('POST', '/v1/learners', {
        body: learnerBody({ givenName: `${big}${i}`, email: `full-${i}@example.org` }),
      });
      statuses.push(response.status);
      if (response.status !== 201) refused = response;
    }
    expect(refused).toMatchObject({
      status: 503,
      body: { statusCode: 503, error: 'Service Unavailable', message: [expect.stringMatching(/storage is full/)] },
    });
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);

    db.pragma('max_page_count = 4294967294');
    const after = await api.request('POST', '/v1/learners', { body: learnerBody({ email: 'after@example.org' }) });
    expect(after.status).toBe(201);
    const record = await api.request('GET', `/v1/learners/${after.body.id}/record`);
    expect(record.status).toBe(200);
    expect(await api.store.headPosition()).toBe(head + statuses.filter((s) => s === 201).length * 1 + 1);
  });
});
