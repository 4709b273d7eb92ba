import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '#runtime';
import { boardBody, courseBody, learnerBody } from '../../support/fixtures.js';
import { submitAndPassCleanly } from '../../support/enrolments.js';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor, withClient } from '../../support/postgres.js';
import { TestApp, TestClock } from '../../support/test-app.js';
import { everyStoredFile } from '../../support/stored-files.js';

const GIVEN = 'Wenceslava';
const FAMILY = 'Thistlewood-Adeyemi';
const EMAIL = 'wenceslava.thistlewood@example.org';
const PII = new RegExp([GIVEN, FAMILY, EMAIL, 'wenceslava', 'thistlewood'].join('|'), 'i');

interface Storage {
  env: Record<string, string>;
  /**
   * Everything stored, as text: every file in the data folder (WALs included) and every table. Before
   * erasure the personal-data store (keys and the learner directory) is left out: it is where a
   * learner's plain text may live, and it is destroyed with their key.
   */
  everything(api: TestApp, withPersonalDataStore?: boolean): Promise<string>;
  cleanup(): Promise<unknown>;
}

const sqlite = (): Storage => ({
  env: {},
  everything: async (api, withPersonalDataStore = true) =>
    everyStoredFile(api.dataDir, (name) => withPersonalDataStore || !name.startsWith('personal-data.db')),
  cleanup: async () => undefined,
});

const postgres = (): Storage => {
  const schema = freshSchema('credence_hardening');
  return {
    env: { EVENT_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: schema },
    everything: (_api, withPersonalDataStore = true) =>
      withClient(async (client) => {
        const tables = await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
          [schema],
        );
        expect(tables.rows.length).toBeGreaterThanOrEqual(4);
        const dumps: string[] = [];
        for (const { table_name } of tables.rows) {
          if (!withPersonalDataStore && table_name.startsWith('personal_data_')) continue;
          const rows = await client.query(`SELECT t::text AS row FROM "${schema}"."${table_name}" t`);
          dumps.push(...rows.rows.map((r) => `${table_name}: ${r.row as string}`));
        }
        return dumps.join('\n');
      }),
    cleanup: () => dropSchema(schema),
  };
};

const keyedRevocation = (api: TestApp, awardId: string, key: string) =>
  fetch(`${api.baseUrl}/v1/awards/${awardId}/revocation`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${api.token('registry')}`,
      'content-type': 'application/json',
      'Idempotency-Key': key,
    },
    body: JSON.stringify({ reason: 'Issued in error: wrong cohort' }),
  });

const describeStoredAnswers = (name: string, storage: () => Storage) =>
  describe(`stored idempotency answers hold no personal data (${name})`, () => {
    let store: Storage;
    let api: TestApp;
    let learnerId: string;
    let awardId: string;

    beforeAll(async () => {
      store = storage();
      api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z'), env: store.env });
      const courseId = (await api.request('POST', '/v1/courses', { body: courseBody() })).body.id;
      await api.request('POST', '/v1/boards', { body: boardBody([courseId]) });
      learnerId = (
        await api.request('POST', '/v1/learners', {
          body: learnerBody({ givenName: GIVEN, familyName: FAMILY, email: EMAIL }),
        })
      ).body.id;
      const enrolmentId = (
        await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
      ).body.id;
      await submitAndPassCleanly(api, enrolmentId, learnerId);
      awardId = (await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1)).awards[0]
        .id;
    });
    afterAll(async () => {
      await api?.destroy();
      await store?.cleanup();
    });

    it('answers a keyed revocation with the name, but stores the answer sealed', async () => {
      const first = await keyedRevocation(api, awardId, 'revoke-1');
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ id: awardId, learnerName: `${GIVEN} ${FAMILY}`, status: 'revoked' });
      const retry = await keyedRevocation(api, awardId, 'revoke-1');
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await retry.json()).toMatchObject({ learnerName: `${GIVEN} ${FAMILY}` });
      expect(await store.everything(api, false)).not.toMatch(PII);
    });

    it('after erasure: no file or table holds the name or email, and the retry does not return them', async () => {
      expect(
        (await api.request('POST', `/v1/learners/${learnerId}/erasure`, { body: { reason: 'Article 17 request' } }))
          .status,
      ).toBe(200);
      expect(await store.everything(api)).not.toMatch(PII);
      const retry = await keyedRevocation(api, awardId, 'revoke-1');
      expect(retry.status).toBe(200);
      const body = await retry.json();
      expect(JSON.stringify(body)).not.toMatch(PII);
      expect(body).toMatchObject({ id: awardId, learnerName: '[erased]', status: 'revoked' });
    });
  });

describeStoredAnswers('SQLite', sqlite);
if (postgresAvailableFor('stored idempotency answers on PostgreSQL')) describeStoredAnswers('PostgreSQL', postgres);

const storedRecords = (api: TestApp): number => {
  const db = new Database(join(api.dataDir, 'read-models.db'), { readonly: true });
  try {
    return db.prepare<[], { n: number }>("SELECT count(*) AS n FROM documents WHERE collection = 'idempotency'").get()!
      .n;
  } finally {
    db.close();
  }
};

const refusedKeyedRequest = (api: TestApp, key: string) =>
  fetch(`${api.baseUrl}/v1/learners`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${api.token('registry')}`,
      'content-type': 'application/json',
      'Idempotency-Key': key,
    },
    body: JSON.stringify({ givenName: '' }),
  });

/** The system clock, where TestApp expects a test clock. */
class RealClock extends TestClock {
  override now(): Date {
    return new Date();
  }
}

describe('idempotency records expire', () => {
  let api: TestApp;
  afterEach(async () => {
    await api?.destroy();
  });

  it('are removed after the retention period (default 7 days), and a late retry runs afresh', async () => {
    const clock = new TestClock('2026-11-23T09:00:00Z');
    api = await TestApp.start({ clock, processes: () => [] });
    for (let i = 0; i < 50; i++) expect((await refusedKeyedRequest(api, `fresh-${i}`)).status).toBe(400);
    expect(storedRecords(api)).toBe(50);

    clock.set('2026-11-30T08:59:00Z'); // within 7 days: still answered from the record
    expect((await refusedKeyedRequest(api, 'fresh-0')).headers.get('idempotent-replayed')).toBe('true');

    clock.set('2026-11-30T09:01:00Z');
    const late = await refusedKeyedRequest(api, 'fresh-1');
    expect(late.status).toBe(400);
    expect(late.headers.get('idempotent-replayed')).toBeNull();
    expect(storedRecords(api)).toBe(1); // only the late retry's own record
  });

  it('keep 7 days unless IDEMPOTENCY_RETENTION_SECONDS says otherwise (a whole number of seconds, at least 1)', () => {
    expect(loadConfig({}).idempotencyRetentionSeconds).toBe(604_800);
    expect(loadConfig({ IDEMPOTENCY_RETENTION_SECONDS: '3600' }).idempotencyRetentionSeconds).toBe(3600);
    for (const bad of ['0', '-5', '1.5', 'a week'])
      expect(() => loadConfig({ IDEMPOTENCY_RETENTION_SECONDS: bad })).toThrow(/IDEMPOTENCY_RETENTION_SECONDS/);
  });

  it('expire on the real clock after IDEMPOTENCY_RETENTION_SECONDS', async () => {
    api = await TestApp.start({
      clock: new RealClock(),
      processes: () => [],
      env: { IDEMPOTENCY_RETENTION_SECONDS: '1' },
    });
    await refusedKeyedRequest(api, 'short-lived');
    expect((await refusedKeyedRequest(api, 'short-lived')).headers.get('idempotent-replayed')).toBe('true');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await refusedKeyedRequest(api, 'short-lived')).headers.get('idempotent-replayed')).toBeNull();
    await refusedKeyedRequest(api, 'another');
    expect(storedRecords(api)).toBe(2);
  });
});
