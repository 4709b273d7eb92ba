import { RealClock, TestApp } from '../support/test-app.js';
import { awardedLearner } from './awarded-learner.js';
import { coveredCourse } from '../support/courses.js';

/**
 * On a running system the clock moves between issuing the status list and checking it: the list
 * must be valid from when its content last changed, so a genuine credential verifies, and after
 * revocation verify says "credential revoked" (not "status unavailable").
 */
describe('verify on the real clock', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start({ clock: new RealClock() });
  });
  afterAll(async () => {
    await api?.destroy();
  });
  const verify = async (credential: string) =>
    (await api.request('POST', '/v1/credentials/verify', { token: null, body: { credential } })).body;

  it('verifies a fresh credential, then reports it revoked', async () => {
    const courseId = await coveredCourse(api);
    const { awardId } = await awardedLearner(api, courseId, 'real-clock@example.org');
    const { jwt } = (await api.request('GET', `/v1/awards/${awardId}/credential`, { token: null })).body;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await verify(jwt)).toMatchObject({ verified: true, reasons: [] });

    await api.request('POST', `/v1/awards/${awardId}/revocation`, { body: { reason: 'Issued in error' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await verify(jwt)).toMatchObject({ verified: false, reasons: ['credential revoked'] });
  });
});
