import { TestApp, TestClock } from '../support/test-app.js';
import { coveredCourse } from '../support/courses.js';
import { awardedLearner } from './awarded-learner.js';

/** Rotating an awarding body's key over HTTP: old credentials verify until their key is retired. */
describe('issuer key rotation', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z'), webRoot: false });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  const verify = async (credential: unknown) =>
    (await api.request('POST', '/v1/credentials/verify', { token: null, body: { credential } })).body;
  const kidOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()).kid as string;

  it('signs with the new key, keeps verifying the old one until it is retired, then refuses its credentials', async () => {
    const courseId = await coveredCourse(api);
    const { awardId } = await awardedLearner(api, courseId, 'rotation@example.org');
    const before = (await api.request('GET', `/v1/awards/${awardId}/credential`, { token: null })).body;
    const slug = new URL(before.credential.issuer.id).pathname.split('/').pop()!;
    const issuerPath = `/v1/credentials/issuers/${slug}`;

    expect((await api.request('POST', `${issuerPath}/key-rotation`, { token: api.token('board') })).status).toBe(403);
    const rotated = await api.request('POST', `${issuerPath}/key-rotation`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.keys.map((key: { signing: boolean }) => key.signing)).toEqual([false, true]);

    const after = (await api.request('GET', `/v1/awards/${awardId}/credential`, { token: null })).body;
    expect(kidOf(after.jwt)).not.toBe(kidOf(before.jwt));
    expect(rotated.body.keys[1].kids).toContain(kidOf(after.jwt));
    expect((await api.request('GET', `${issuerPath}/jwks.json`, { token: null })).body.keys).toHaveLength(4);
    const profile = (await api.request('GET', issuerPath, { token: null })).body;
    expect(profile.verificationMethod).toHaveLength(2);
    for (const credential of [before.jwt, before.credential, after.jwt, after.credential])
      expect(await verify(credential)).toMatchObject({ verified: true });

    const oldThumbprint = kidOf(before.jwt).split('/').pop()!;
    const retired = await api.request('POST', `${issuerPath}/keys/${oldThumbprint}/retirement`);
    expect(retired).toMatchObject({ status: 200, body: { keys: [{ retired: '2026-11-23T09:00:00.000Z' }, {}] } });
    expect(await verify(before.jwt)).toMatchObject({ verified: false, reasons: ['unknown key'] });
    expect(await verify(before.credential)).toMatchObject({ verified: false });
    expect(await verify(after.jwt)).toMatchObject({ verified: true });
    expect((await api.request('GET', `${issuerPath}/jwks.json`, { token: null })).body.keys).toHaveLength(2);
    expect(
      (await api.request('GET', `/v1/credentials/issuers/${slug}/keys/${oldThumbprint}`, { token: null })).status,
    ).toBe(404);

    const newThumbprint = kidOf(after.jwt).split('/').pop()!;
    expect(await api.request('POST', `${issuerPath}/keys/${newThumbprint}/retirement`)).toMatchObject({
      status: 409,
      body: { message: [expect.stringMatching(/rotate first/)] },
    });
    expect((await api.request('POST', `${issuerPath}/keys/unknown-key/retirement`)).status).toBe(404);
    expect((await api.request('POST', '/v1/credentials/issuers/no-such-issuer/key-rotation')).status).toBe(404);
  });
});
