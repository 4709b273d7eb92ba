import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bitstring } from '#credentials';
import { boardBody, courseBody, learnerBody } from '../support/fixtures.js';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor } from '../support/postgres.js';
import { awardedLearner as awardedLearnerOn } from './awarded-learner.js';
import { independentVerifier } from './independent-verifier.js';
import { schemaErrors } from './official-schemas.js';
import { TestApp, TestClock } from '../support/test-app.js';
import { pdfText, renderFirstPage, requirePopplerOrSkip } from './pdf-tools.js';

/** Where the events go: the embedded default, or PostgreSQL (a schema of its own, dropped after). */
interface Storage {
  env: Record<string, string>;
  dispose(): Promise<unknown>;
}
const embedded = (): Storage => ({ env: {}, dispose: async () => undefined });
const postgres = (): Storage => {
  const schema = freshSchema('credence_issue16_vc');
  return { env: { EVENT_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: schema }, dispose: () => dropSchema(schema) };
};

/**
 * Verifiable credentials over HTTP: issue, verify (with Credence's endpoint and with an independent
 * verifier), validate against the official 1EdTech schemas, revoke; the certificate and CLR around them.
 */
const describeCredentials = (label: string, storage: () => Storage) =>
  describe(`verifiable credentials (${label})`, () => {
    const clock = new TestClock('2026-11-23T09:00:00Z');
    let api: TestApp;
    let store: Storage;
    let courseId: string;

    beforeAll(async () => {
      store = storage();
      api = await TestApp.start({ clock, env: store.env, webRoot: false });
      courseId = (await api.request('POST', '/v1/courses', { body: courseBody() })).body.id;
      await api.request('POST', '/v1/boards', { body: boardBody([courseId]) });
    });
    afterAll(async () => {
      await api?.destroy();
      await store?.dispose();
    });

    const awardedLearner = (email: string) => awardedLearnerOn(api, courseId, email);
    const verify = (credential: unknown) =>
      api.request('POST', '/v1/credentials/verify', { token: null, body: { credential } });

    it('issues a credential that an independent verifier accepts in both forms, valid against the 1EdTech schema, until revoked', async () => {
      const { awardId } = await awardedLearner('independent@example.org');
      const url = `/v1/awards/${awardId}/credential`;
      const credential = (await api.request('GET', url, { token: null, headers: { accept: 'application/vc' } })).body;
      const jwt = (await api.request('GET', url, { token: null, headers: { accept: 'application/vc+jwt' } })).body;
      const verifier = independentVerifier(api);

      expect(await verifier.dataIntegrity(credential)).toEqual({ verified: true, errors: [] });
      const { payload, protectedHeader } = await verifier.vcJwt(jwt);
      expect(protectedHeader).toMatchObject({ typ: 'JWT', alg: 'RS256' });
      expect(payload).toMatchObject({
        iss: credential.issuer.id,
        jti: credential.id,
        sub: credential.credentialSubject.id,
      });
      expect(schemaErrors('openBadgeCredential', credential)).toEqual([]);
      expect(schemaErrors('openBadgeCredential', payload)).toEqual([]);
      const list = (
        await api.request('GET', new URL(credential.credentialStatus.statusListCredential).pathname, {
          token: null,
          headers: { accept: 'application/vc' },
        })
      ).body;
      expect(schemaErrors('bitstringStatusListCredential', list)).toEqual([]);
      expect(await verifier.revoked(credential)).toBe(false);

      await api.request('POST', `/v1/awards/${awardId}/revocation`, { body: { reason: 'Issued in error' } });
      expect(await verifier.revoked(credential)).toBe(true);
      expect((await verify(jwt)).body).toMatchObject({ verified: false, reasons: ['credential revoked'] });
      const page = await api.request('GET', url, { token: null, headers: { accept: 'text/html' } });
      expect(page.body).toMatch(/Revoked on/);
    });

    it('issues a signed credential that verifies, and no longer does once the award is revoked', async () => {
      const { awardId } = await awardedLearner('vc@example.org');
      const issued = await api.request('GET', `/v1/awards/${awardId}/credential`, { token: null });
      expect(issued.status).toBe(200);
      expect(issued.body.credential).toMatchObject({
        id: `urn:uuid:${awardId}`,
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { name: 'University of Northshire', type: ['Profile'] },
        validFrom: '2026-11-23T00:00:00Z',
        credentialSubject: {
          creditsEarned: 15,
          achievement: { name: 'Data Ethics in Practice', achievementType: 'MicroCredential' },
        },
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
      });
      expect(issued.body.jwt.split('.')).toHaveLength(3);
      expect(issued.body.credential.proof).toMatchObject([
        { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
      ]);
      expect((await verify(issued.body.credential)).body).toMatchObject({ verified: true, format: 'data-integrity' });

      const before = await verify(issued.body.jwt);
      expect(before).toMatchObject({
        status: 200,
        body: { verified: true, reasons: [], checks: { signature: 'passed', status: 'passed', expiry: 'passed' } },
      });

      const revoked = await api.request('POST', `/v1/awards/${awardId}/revocation`, {
        body: { reason: 'Academic misconduct found on appeal' },
      });
      expect(revoked).toMatchObject({ status: 200, body: { status: 'revoked' } });
      const after = await verify(issued.body.jwt);
      expect(after).toMatchObject({
        status: 200,
        body: { verified: false, reasons: ['credential revoked'], checks: { signature: 'passed', status: 'failed' } },
      });

      const { statusListCredential, statusListIndex } = issued.body.credential.credentialStatus;
      const list = await api.request('GET', new URL(statusListCredential).pathname, { token: null });
      expect(list.body).toMatchObject({
        id: statusListCredential,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      });
      expect(Bitstring.decode(list.body.credentialSubject.encodedList).get(Number(statusListIndex))).toBe(true);
      // The same credential is served again after revocation, with the same status index.
      const again = await api.request('GET', `/v1/awards/${awardId}/credential`, { token: null });
      expect(again.body.jwt).toBe(issued.body.jwt);
    });

    it('serves the bare VC-JWT as application/vc+jwt on request', async () => {
      const { awardId } = await awardedLearner('jwt@example.org');
      const response = await fetch(`${api.baseUrl}/v1/awards/${awardId}/credential`, {
        headers: { accept: 'application/vc+jwt' },
      });
      expect(response.headers.get('content-type')).toMatch(/^application\/vc\+jwt/);
      expect((await verify(await response.text())).body).toMatchObject({ verified: true, format: 'vc+jwt' });
    });

    it('answers errors in the app\u2019s shape', async () => {
      expect(
        await api.request('GET', '/v1/awards/00000000-0000-4000-8000-000000000000/credential', { token: null }),
      ).toMatchObject({
        status: 404,
        body: {
          statusCode: 404,
          error: 'Not Found',
          message: ['award 00000000-0000-4000-8000-000000000000 not found'],
        },
      });
      expect(await api.request('GET', '/v1/awards/not-a-uuid/credential', { token: null })).toMatchObject({
        status: 400,
        body: { message: ['id must be a UUID'] },
      });
      for (const body of [{ credential: 42 }, {}, { credential: '' }])
        expect(await api.request('POST', '/v1/credentials/verify', { token: null, body })).toMatchObject({
          status: 400,
          body: { message: [expect.stringMatching(/^credential /)] },
        });
      expect(await verify('not.a.jwt')).toMatchObject({
        status: 200,
        body: { verified: false, reasons: ['malformed'] },
      });
    });

    it('renders the certificate PDF for the learner, registry and board only', async () => {
      const { learnerId, awardId } = await awardedLearner('pdf@example.org');
      const path = `/v1/awards/${awardId}/certificate.pdf`;
      let pdf = Buffer.alloc(0);
      for (const token of [api.token('learner', learnerId), api.token('registry'), api.token('board')]) {
        const response = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        pdf = Buffer.from(await response.arrayBuffer());
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      }
      if (requirePopplerOrSkip()) {
        const dir = mkdtempSync(join(tmpdir(), 'credence-certificate-http-'));
        writeFileSync(join(dir, 'certificate.pdf'), pdf);
        console.log(
          `certificate over HTTP: ${renderFirstPage(join(dir, 'certificate.pdf'), join(dir, 'certificate'))}`,
        );
        const text = pdfText(join(dir, 'certificate.pdf')).replace(/\s+/g, ' ');
        for (const expected of [
          'Data Ethics in Practice',
          '15 CATS',
          '7.5 ECTS',
          'Amira Okafor',
          `/v1/awards/${awardId}/credential`,
        ])
          expect(text).toContain(expected);
      }
      expect((await api.request('GET', path, { token: api.token('learner', 'someone-else') })).status).toBe(403);
      expect((await api.request('GET', path, { token: api.token('tutor') })).status).toBe(403);
      expect((await api.request('GET', path, { token: null })).status).toBe(401);
    });

    it('signs the learner\u2019s CLR 2.0 with the achievement credentials and course records inside', async () => {
      const { learnerId, awardId } = await awardedLearner('clr@example.org');
      const response = await api.request('GET', `/v1/learners/${learnerId}/clr`, {
        token: api.token('learner', learnerId),
      });
      expect(response.status).toBe(200);
      const { credential, jwt } = response.body;
      expect(credential).toMatchObject({
        type: ['VerifiableCredential', 'ClrCredential'],
        // The record's last change: the marks, recorded at 09:00 on the test clock.
        validFrom: '2026-11-23T09:00:00.000Z',
        credentialStatus: { type: 'BitstringStatusListEntry' },
        credentialSubject: {
          type: ['ClrSubject'],
          achievement: [
            { name: 'Data Ethics in Practice', achievementType: 'MicroCredential' },
            { name: 'Data Ethics in Practice', achievementType: 'Course' },
          ],
        },
      });
      expect((await verify(jwt)).body).toMatchObject({ verified: true, checks: { status: 'passed' } });
      expect((await verify(credential)).body).toMatchObject({ verified: true, format: 'data-integrity' });
      expect(schemaErrors('clrCredential', credential)).toEqual([]);
      expect(await independentVerifier(api).dataIntegrity(credential)).toEqual({ verified: true, errors: [] });
      expect((await independentVerifier(api).vcJwt(jwt)).protectedHeader).toMatchObject({ typ: 'JWT' });
      const inner = credential.credentialSubject.verifiableCredential[0];
      expect((await verify(inner)).body).toMatchObject({ verified: true, credential: { id: `urn:uuid:${awardId}` } });

      expect(
        (await api.request('GET', `/v1/learners/${learnerId}/clr`, { token: api.token('learner', 'someone-else') }))
          .status,
      ).toBe(403);
      expect((await api.request('GET', '/v1/learners/00000000-0000-4000-8000-000000000000/clr')).status).toBe(404);
      await api.request('POST', `/v1/awards/${awardId}/revocation`, { body: { reason: 'Issued in error' } });
      expect((await verify(jwt)).body).toMatchObject({ verified: false, reasons: ['credential revoked'] });
      // The transcript keeps the revoked award (its own status says revoked), under a new id with no standing award.
      const after = (await api.request('GET', `/v1/learners/${learnerId}/clr`)).body.credential;
      expect(after.id).not.toBe(credential.id);
      expect(after.credentialStatus).toBeUndefined();
      expect(schemaErrors('clrCredential', after)).toEqual([]);
      expect((await verify(after)).body).toMatchObject({ verified: true });
      expect((await verify(after.credentialSubject.verifiableCredential[0])).body).toMatchObject({
        verified: false,
        reasons: ['credential revoked'],
      });
    });
  });

describeCredentials('embedded store', embedded);
if (postgresAvailableFor('verifiable credentials on PostgreSQL')) describeCredentials('PostgreSQL', postgres);

/** The embedded key and the status indexes survive a restart; indexes are never reused. */
describe('verifiable credentials across a restart', () => {
  it('keeps the signing key and each award\u2019s status index', async () => {
    const clock = new TestClock('2026-11-23T09:00:00Z');
    let api = await TestApp.start({ clock });
    const dataDir = api.dataDir;
    try {
      const courseId = (await api.request('POST', '/v1/courses', { body: courseBody({ tutorIds: ['tutor-3'] }) })).body
        .id;
      await api.request('POST', '/v1/boards', { body: boardBody([courseId]) });
      const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
      const enrolmentId = (
        await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
      ).body.id;
      for (const componentId of ['essay', 'exam'])
        await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
          token: api.token('learner', learnerId),
          body: { componentId },
        });
      for (const [componentId, mark] of [
        ['essay', 64],
        ['exam', 66],
      ] as const)
        await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
          token: api.token('tutor', 'tutor-3'),
          body: { componentId, mark },
        });
      const awardId = (await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1))
        .awards[0].id;
      const first = (await api.request('GET', `/v1/awards/${awardId}/credential`, { token: null })).body;
      await api.close();
      api = await TestApp.start({ clock, dataDir });
      const second = (await api.request('GET', `/v1/awards/${awardId}/credential`, { token: null })).body;
      expect(second.jwt).toBe(first.jwt);
      expect((await verify(api, first.jwt)).verified).toBe(true);
    } finally {
      await api.destroy();
    }
  });
  const verify = async (api: TestApp, credential: string) =>
    (await api.request('POST', '/v1/credentials/verify', { token: null, body: { credential } })).body;
});
