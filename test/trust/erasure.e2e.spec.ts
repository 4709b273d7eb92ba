import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { boardBody, courseBody, learnerBody } from '../support/fixtures.js';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor, withClient } from '../support/postgres.js';
import { TestApp, TestClock } from '../support/test-app.js';
import { pdfText, requirePopplerOrSkip } from '../credentials/pdf-tools.js';
import { submitAndPassCleanly } from '../support/enrolments.js';
import { everyStoredFile } from '../support/stored-files.js';

/** Strings that identify the learner: none may be readable anywhere once they are erased. */
const GIVEN = 'Zuzanna';
const FAMILY = 'Quixley-Okonkwo';
const EMAIL = 'zuzanna.quixley@example.org';
const PII = new RegExp([GIVEN, FAMILY, EMAIL, 'zuzanna', 'quixley'].join('|'), 'i');
const REASON = 'Erasure request under UK GDPR Article 17, ref DP-2026-0142';

/** Where a store kind keeps everything it wrote, as text, for a search for personal data. */
interface StorageProbe {
  env: Record<string, string>;
  /** Every stored event and read-model document, as the database holds them. */
  everythingStored(api: TestApp): Promise<string>;
  cleanup(): Promise<void>;
}

const sqliteProbe = (): StorageProbe => ({
  env: {},
  // The raw bytes of every file in the data folder but the key store: event log, read models, WALs.
  everythingStored: async (api) => everyStoredFile(api.dataDir, (name) => !name.startsWith('personal-data.db')),
  cleanup: async () => undefined,
});

const postgresProbe = (): StorageProbe => {
  const schema = freshSchema('credence_erasure');
  return {
    env: { EVENT_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: schema },
    everythingStored: () =>
      withClient(async (client) => {
        const events = await client.query(
          `SELECT type, data::text AS data, metadata::text AS metadata FROM "${schema}".events`,
        );
        const documents = await client.query(
          `SELECT collection, id, ref, status, due, doc::text AS doc FROM "${schema}".documents`,
        );
        return JSON.stringify([events.rows, documents.rows]);
      }),
    cleanup: () => dropSchema(schema).then(() => undefined),
  };
};

const describeErasure = (storage: string, probe: () => StorageProbe) =>
  describe(`erasure by crypto-shredding (${storage})`, () => {
    const clock = new TestClock('2026-11-23T09:00:00Z');
    let store: StorageProbe;
    let api: TestApp;
    let courseId: string;
    let learnerId: string;
    let enrolmentId: string;
    let awardId: string;
    let credentialBefore: string;
    const learner = () => api.token('learner', learnerId);

    beforeAll(async () => {
      store = probe();
      api = await TestApp.start({ clock, env: store.env });
      courseId = (await api.request('POST', '/v1/courses', { body: courseBody() })).body.id;
      await api.request('POST', '/v1/boards', { body: boardBody([courseId]) });
      learnerId = (
        await api.request('POST', '/v1/learners', {
          body: learnerBody({ givenName: GIVEN, familyName: FAMILY, email: EMAIL }),
        })
      ).body.id;
      enrolmentId = (
        await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
      ).body.id;
      await submitAndPassCleanly(api, enrolmentId, learnerId);
      const record = await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1);
      awardId = record.awards[0].id;
      credentialBefore = (await api.request('GET', `/v1/awards/${awardId}/credential`, { token: null })).body.jwt;
    });
    afterAll(async () => {
      await api?.destroy();
      await store?.cleanup();
    });

    it('shows the learner in full before erasure, while storing their personal data only sealed', async () => {
      const record = await api.request('GET', `/v1/learners/${learnerId}/record`, { token: learner() });
      expect(record.body.learner).toEqual({
        id: learnerId,
        givenName: GIVEN,
        familyName: FAMILY,
        email: EMAIL,
        erased: false,
        erasedAt: null,
      });
      expect(record.body.awards[0]).toMatchObject({ learnerName: `${GIVEN} ${FAMILY}`, learnerErased: false });
      const exported = await api.request('GET', `/v1/learners/${learnerId}/export`, { token: learner() });
      expect(exported.body).toMatchObject({
        learner: { givenName: GIVEN, erased: false },
        personalDataKey: 'active',
        erasure: null,
      });
      expect(await store.everythingStored(api)).not.toMatch(PII);
    });

    it('refuses what must not erase: bad input, unknown learners, other roles (and erases nothing)', async () => {
      const blank = await api.request('POST', `/v1/learners/${learnerId}/erasure`, { body: { reason: '  ' } });
      expect(blank).toMatchObject({
        status: 400,
        body: { statusCode: 400, message: [expect.stringMatching(/^reason /)] },
      });
      const missing = await api.request('POST', `/v1/learners/${learnerId}/erasure`, { body: {} });
      expect(missing.body.message).toContainEqual(expect.stringMatching(/^reason /));
      const unknown = await api.request('POST', '/v1/learners/0b6f9a52-3c1d-4e8f-9a7b-5d2c1e0f4a93/erasure', {
        body: { reason: REASON },
      });
      expect(unknown.status).toBe(404);
      for (const token of [learner(), api.token('tutor'), api.token('integration')])
        expect(
          (await api.request('POST', `/v1/learners/${learnerId}/erasure`, { token, body: { reason: REASON } })).status,
        ).toBe(403);
      const record = await api.request('GET', `/v1/learners/${learnerId}/record`);
      expect(record.body.learner).toMatchObject({ givenName: GIVEN, erased: false });
    });

    it('erases: 200, then 409 for a second erasure', async () => {
      clock.set('2026-12-01T10:00:00Z');
      const erased = await api.request('POST', `/v1/learners/${learnerId}/erasure`, { body: { reason: REASON } });
      expect(erased).toMatchObject({
        status: 200,
        body: { id: learnerId, erased: true, erasedAt: '2026-12-01T10:00:00.000Z' },
      });
      const again = await api.request('POST', `/v1/learners/${learnerId}/erasure`, { body: { reason: REASON } });
      expect(again).toMatchObject({
        status: 409,
        body: { message: [`learner ${learnerId} was already erased on 2026-12-01T10:00:00.000Z`] },
      });
    });

    it('leaves no plain-text personal data in any stored event or read-model document', async () => {
      const events = [];
      for await (const event of api.store.readAll(0)) events.push(event);
      expect(events.map((e) => e.type)).toEqual(
        expect.arrayContaining(['LearnerRegistered', 'AwardIssued', 'LearnerErased']),
      );
      expect(JSON.stringify(events)).not.toMatch(PII);
      expect(await store.everythingStored(api)).not.toMatch(PII);
    });

    it('shows the learner as erased on their record, keeping enrolments, awards and credits', async () => {
      const record = await api.request('GET', `/v1/learners/${learnerId}/record`, { token: learner() });
      expect(record.status).toBe(200);
      expect(record.body.learner).toEqual({
        id: learnerId,
        givenName: '[erased]',
        familyName: '[erased]',
        email: null,
        erased: true,
        erasedAt: '2026-12-01T10:00:00.000Z',
      });
      expect(record.body.enrolments).toHaveLength(1);
      expect(record.body.awards).toEqual([
        expect.objectContaining({ id: awardId, status: 'issued', learnerName: '[erased]', learnerErased: true }),
      ]);
      expect(record.body.credits).toEqual({ cats: 15, ects: 7.5 });
      expect(JSON.stringify(record.body)).not.toMatch(PII);
    });

    it('shows the award as erased, and the credential still verifies by its hashed identifier', async () => {
      const award = await api.request('GET', `/v1/awards/${awardId}`);
      expect(award.body).toMatchObject({
        id: awardId,
        learnerId,
        learnerName: '[erased]',
        learnerErased: true,
        status: 'issued',
      });

      const credential = await api.request('GET', `/v1/awards/${awardId}/credential`, { token: null });
      expect(credential.status).toBe(200);
      // The email's identity hash goes with the erased email; the holder's copy from before keeps verifying (below).
      expect(credential.body.credential.credentialSubject.identifier).toHaveLength(1);
      expect(JSON.stringify(credential.body)).not.toMatch(PII);
      const [identity] = credential.body.credential.credentialSubject.identifier;
      expect(identity.identityHash).toBe(
        `sha256$${createHash('sha256')
          .update(learnerId + identity.salt)
          .digest('hex')}`,
      );
      for (const jwt of [credentialBefore, credential.body.jwt]) {
        const verified = await api.request('POST', '/v1/credentials/verify', {
          token: null,
          body: { credential: jwt },
        });
        expect(verified).toMatchObject({ status: 200, body: { verified: true, reasons: [] } });
      }
    });

    (requirePopplerOrSkip() ? it : it.skip)('names the learner "[erased]" on the certificate PDF', async () => {
      const response = await fetch(`${api.baseUrl}/v1/awards/${awardId}/certificate.pdf`, {
        headers: { authorization: `Bearer ${learner()}` },
      });
      expect(response.status).toBe(200);
      const path = join(api.dataDir, 'erased-certificate.pdf');
      writeFileSync(path, Buffer.from(await response.arrayBuffer()));
      const text = pdfText(path);
      expect(text).toContain('[erased]');
      expect(text).toContain('Data Ethics in Practice');
      expect(text).not.toMatch(PII);
    });

    it('tells integration consumers to erase too, and the feed carries no personal data', async () => {
      const feed = await api.request('GET', '/v1/feed?limit=1000', { token: api.token('integration') });
      expect(feed.status).toBe(200);
      expect(feed.body.events.map((e: any) => e.type)).toEqual(
        expect.arrayContaining(['credence.award.issued.v1', 'credence.learner.erased.v1']),
      );
      const erasure = feed.body.events.find((e: any) => e.type === 'credence.learner.erased.v1');
      expect(erasure).toMatchObject({ subject: learnerId, data: { learnerId, erasedAt: '2026-12-01T10:00:00.000Z' } });
      expect(JSON.stringify(feed.body)).not.toMatch(PII);
    });

    it('exports everything held on the learner, shown as erased', async () => {
      for (const token of [api.token('registry'), learner()]) {
        const exported = await api.request('GET', `/v1/learners/${learnerId}/export`, { token });
        expect(exported.status).toBe(200);
        expect(exported.body).toMatchObject({
          learner: { id: learnerId, givenName: '[erased]', email: null, erased: true },
          erasure: { reason: REASON, erasedAt: '2026-12-01T10:00:00.000Z' },
          personalDataKey: 'shredded',
          record: { awards: [expect.objectContaining({ id: awardId, learnerName: '[erased]' })] },
          credentials: [expect.objectContaining({ awardId, status: 'issued', jwt: expect.any(String) })],
        });
        const streamIds = exported.body.streams.map((s: any) => s.streamId);
        expect(streamIds).toEqual(
          expect.arrayContaining([`learner-${learnerId}`, `enrolment-${enrolmentId}`, `award-${awardId}`]),
        );
        expect(streamIds.some((id: string) => /^board-.+\.case-/.test(id))).toBe(true);
        const registration = exported.body.streams.find((s: any) => s.streamId === `learner-${learnerId}`).events[0];
        expect(registration).toMatchObject({
          type: 'LearnerRegistered',
          data: { givenName: '[erased]', email: '[erased]' },
          metadata: { role: 'registry' },
        });
        expect(JSON.stringify(exported.body)).not.toMatch(PII);
      }
      const other = await api.request('GET', `/v1/learners/${learnerId}/export`, {
        token: api.token('learner', 'someone-else'),
      });
      expect(other.status).toBe(403);
    });

    it('enrols the erased learner on nothing new', async () => {
      const enrolment = await api.request('POST', '/v1/enrolments', {
        body: { learnerId, courseId, startDate: '2026-12-01' },
      });
      expect(enrolment).toMatchObject({ status: 409, body: { message: [expect.stringContaining('was erased')] } });
    });

    it('stays erased across a restart', async () => {
      await api.close();
      api = await TestApp.start({ clock, env: store.env, dataDir: api.dataDir });
      const record = await api.request('GET', `/v1/learners/${learnerId}/record`);
      expect(record.body.learner).toMatchObject({ givenName: '[erased]', erased: true });
    });
  });

describeErasure('SQLite', sqliteProbe);

if (postgresAvailableFor('erasure on PostgreSQL')) describeErasure('PostgreSQL', postgresProbe);

/** Events written before sealing existed hold plain text: reads still show the learner as erased afterwards. */
describe('erasure of a learner registered before sealing (plain-text events)', () => {
  let api: TestApp;
  afterAll(async () => {
    await api?.destroy();
  });

  it('reads their plain-text names until erasure, and "[erased]" after it', async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z') });
    const learnerId = '3f1e2d4c-5b6a-4789-8a0b-1c2d3e4f5a6b';
    // A second writer on the same log, without the sealing layer: what an old version wrote.
    const legacy = SqliteEventStore.open({ path: join(api.dataDir, 'events.db') });
    await legacy.append(
      `learner-${learnerId}`,
      [
        {
          type: 'LearnerRegistered',
          data: {
            learnerId,
            givenName: GIVEN,
            familyName: FAMILY,
            email: EMAIL,
            registeredAt: '2025-01-10T09:00:00.000Z',
          },
          metadata: {
            actor: 'registry-1',
            role: 'registry',
            correlationId: 'legacy',
            causationId: null,
            occurredAt: '2025-01-10T09:00:00.000Z',
          },
        },
      ],
      'no-stream',
    );
    await legacy.close();
    const before = await api.eventually(`/v1/learners/${learnerId}/record`, () => true);
    expect(before.learner).toMatchObject({ givenName: GIVEN, familyName: FAMILY, email: EMAIL, erased: false });

    expect((await api.request('POST', `/v1/learners/${learnerId}/erasure`, { body: { reason: REASON } })).status).toBe(
      200,
    );
    const after = await api.request('GET', `/v1/learners/${learnerId}/record`);
    expect(after.body.learner).toMatchObject({
      givenName: '[erased]',
      familyName: '[erased]',
      email: null,
      erased: true,
    });
    const exported = await api.request('GET', `/v1/learners/${learnerId}/export`);
    expect(JSON.stringify(exported.body)).not.toMatch(PII);
  });
});
