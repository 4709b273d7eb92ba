import { DeadlineSweep } from '#records-api';
import { coveredCourse } from '../support/courses.js';
import { learnerBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

describe('deadline sweep', () => {
  const clock = new TestClock('2026-11-23T09:00:00Z');
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start({ clock });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('deems a learner withdrawn once their own deadline passes with work outstanding, and no one else', async () => {
    const courseId = await coveredCourse(api, { maxEngagementDays: 30 });
    const enrol = async (email: string, startDate: string) => {
      const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody({ email }) })).body.id;
      return (await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate } })).body;
    };
    const lapsing = await enrol('a@example.org', '2026-11-01'); // deadline 2026-12-01
    const later = await enrol('b@example.org', '2026-11-20'); // deadline 2026-12-20
    const finished = await enrol('c@example.org', '2026-11-01'); // submits everything
    for (const componentId of ['essay', 'exam']) {
      const learner = api.token('learner', finished.learnerId);
      expect(
        (
          await api.request('POST', `/v1/enrolments/${finished.id}/submissions`, {
            token: learner,
            body: { componentId },
          })
        ).status,
      ).toBe(201);
    }

    const sweep = api.app.get(DeadlineSweep);
    clock.set('2026-12-01T23:00:00Z');
    expect(await sweep.sweep()).toBe(0);

    clock.set('2026-12-02T02:00:00Z');
    expect(await sweep.sweep()).toBe(1);
    expect(await sweep.sweep()).toBe(0);

    const events = await api.store.read(`enrolment-${lapsing.id}`);
    expect(events.at(-1)).toMatchObject({
      type: 'DeemedWithdrawn',
      data: { deadline: '2026-12-01', outstandingComponents: ['essay', 'exam'], withdrawnOn: '2026-12-02' },
      metadata: { actor: 'system:deadline-sweep', role: 'system' },
    });
    expect((await api.request('GET', `/v1/enrolments/${lapsing.id}`)).body.status).toBe('withdrawn');
    expect((await api.request('GET', `/v1/enrolments/${later.id}`)).body.status).toBe('active');
    expect((await api.request('GET', `/v1/enrolments/${finished.id}`)).body.status).toBe('active');
  });
});
