import { boardBody, courseBody, learnerBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';
import { submitAndPassCleanly } from '../support/enrolments.js';

describe('pull feed', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z') });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('serves enrolment, outcome and award CloudEvents in order by cursor', async () => {
    const courseId = (await api.request('POST', '/v1/courses', { body: courseBody() })).body.id;
    await api.request('POST', '/v1/boards', { body: boardBody([courseId]) });
    const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
    const enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
    ).body.id;
    await submitAndPassCleanly(api, enrolmentId, learnerId);
    await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1);

    const integration = api.token('integration', 'hr-system');
    const first = await api.request('GET', '/v1/feed?limit=2', { token: integration });
    expect(first.status).toBe(200);
    expect(first.body.events.map((e: any) => e.type)).toEqual([
      'credence.enrolment.started.v1',
      'credence.outcome.confirmed.v1',
    ]);
    expect(first.body.events[0]).toMatchObject({
      specversion: '1.0',
      subject: learnerId,
      time: '2026-11-23T09:00:00.000Z',
    });
    const second = await api.request('GET', `/v1/feed?after=${first.body.next}&limit=2`, { token: integration });
    expect(second.body.events.map((e: any) => e.type)).toEqual(['credence.award.issued.v1']);
    expect(second.body.events[0].data).toMatchObject({
      title: 'Data Ethics in Practice',
      credits: { cats: 15, ects: 7.5 },
    });
    const storeIds = [];
    for await (const e of api.store.readAll(0, { eventTypes: ['EnrolmentStarted', 'OutcomeConfirmed', 'AwardIssued'] }))
      storeIds.push(e.id);
    expect([...first.body.events, ...second.body.events].map((e: any) => e.id)).toEqual(storeIds);

    expect((await api.request('GET', '/v1/feed?limit=0', { token: integration })).body.message).toEqual([
      expect.stringMatching(/^limit must be/),
    ]);
    expect((await api.request('GET', '/v1/feed?after=nonsense!', { token: integration })).body.message).toEqual([
      expect.stringMatching(/^after must be/),
    ]);
    expect((await api.request('GET', '/v1/feed', { token: api.token('learner', learnerId) })).status).toBe(403);
  });
});
