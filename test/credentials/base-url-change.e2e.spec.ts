import http from 'node:http';
import { coveredCourse } from '../support/courses.js';
import { TestApp, TestClock } from '../support/test-app.js';
import { awardedLearner } from './awarded-learner.js';
import { independentVerifier } from './independent-verifier.js';
import { schemaErrors } from './official-schemas.js';

const OLD = 'https://credence.northshire.example';
const NEW = 'https://records.northshire.ac.uk';

/**
 * CREDENTIAL_BASE_URL changes: credentials issued under the old one keep verifying (Credence's
 * endpoint and an independent verifier that dereferences the old URLs), and flip to revoked, when
 * the old base is configured as a former one (CREDENTIAL_FORMER_BASE_URLS).
 */
describe('credential base URL change', () => {
  const clock = new TestClock('2026-11-23T09:00:00Z');
  let api: TestApp | undefined;
  afterAll(async () => {
    await api?.destroy();
  });

  /** The credential settings are read from the process environment when the app starts. */
  const start = async (env: Record<string, string>, dataDir?: string): Promise<TestApp> => {
    const names = ['CREDENTIAL_BASE_URL', 'CREDENTIAL_FORMER_BASE_URLS'];
    const saved = names.map((name) => process.env[name]);
    for (const name of names) delete process.env[name];
    Object.assign(process.env, env);
    try {
      return await TestApp.start({ clock, env, webRoot: false, ...(dataDir ? { dataDir } : {}) });
    } finally {
      names.forEach((name, i) => {
        if (saved[i] === undefined) delete process.env[name];
        else process.env[name] = saved[i];
      });
    }
  };
  const restart = async (env: Record<string, string>) => {
    const dataDir = api!.dataDir;
    await api!.close();
    api = await start(env, dataDir);
  };
  /** A GET as it arrives when `host` is pointed at the app. */
  const getAt = (host: string, path: string, accept: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get(`${api!.baseUrl}${path}`, { headers: { host, accept } }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, body }));
        })
        .on('error', reject);
    });
  const verify = async (credential: unknown) =>
    (await api!.request('POST', '/v1/credentials/verify', { token: null, body: { credential } })).body;

  it('keeps verifying credentials issued under the former base URL, and revokes them, once it is configured as one', async () => {
    api = await start({ CREDENTIAL_BASE_URL: OLD });
    const courseId = await coveredCourse(api);
    const { awardId } = await awardedLearner(api, courseId, 'base-url@example.org');
    const issued = (await api.request('GET', `/v1/awards/${awardId}/credential`, { token: null })).body;
    expect(issued.credential.issuer.id).toMatch(new RegExp(`^${OLD}/`));

    // Moved without saying so: the old credentials' keys are no longer this deployment's.
    await restart({ CREDENTIAL_BASE_URL: NEW });
    expect(await verify(issued.jwt)).toMatchObject({ verified: false, reasons: ['unknown key'] });

    await restart({ CREDENTIAL_BASE_URL: NEW, CREDENTIAL_FORMER_BASE_URLS: OLD });
    for (const form of [issued.jwt, issued.credential])
      expect(await verify(form)).toMatchObject({ verified: true, checks: { status: 'passed' } });
    const verifier = independentVerifier(api!);
    expect(await verifier.dataIntegrity(issued.credential)).toEqual({ verified: true, errors: [] });
    expect((await verifier.vcJwt(issued.jwt)).payload).toMatchObject({ iss: issued.credential.issuer.id });
    expect(await verifier.revoked(issued.credential)).toBe(false);

    // New requests are answered under the new base; the same award keeps its status index.
    const now = (await api!.request('GET', `/v1/awards/${awardId}/credential`, { token: null })).body;
    expect(now.credential.issuer.id).toMatch(new RegExp(`^${NEW}/`));
    expect(now.credential.credentialStatus.statusListIndex).toBe(issued.credential.credentialStatus.statusListIndex);
    expect(schemaErrors('openBadgeCredential', now.credential)).toEqual([]);
    expect(await verify(now.jwt)).toMatchObject({ verified: true });

    await api!.request('POST', `/v1/awards/${awardId}/revocation`, { body: { reason: 'Issued in error' } });
    for (const form of [issued.jwt, issued.credential, now.jwt])
      expect(await verify(form)).toMatchObject({ verified: false, reasons: ['credential revoked'] });
    expect(await verifier.revoked(issued.credential)).toBe(true);
    // The verification page at the old address (the certificate's QR code) says so.
    const page = await getAt(new URL(OLD).host, `/v1/awards/${awardId}/credential`, 'text/html');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/Revoked on/);
    expect(page.body).toContain(`${OLD}/v1/awards/${awardId}/credential`);
  });
});
