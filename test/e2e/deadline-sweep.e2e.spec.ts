import { DeadlineSweep } from '#records-api';
import { coveredCourse } from '../support/courses.js';
import { EXTERNAL, learnerBody, TUTOR } from '../support/fixtures.js';
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

  it('lets a referral lapse only once the resubmission held for moderation is final, and judges it on that mark too', async () => {
    clock.set('2026-11-23T09:00:00Z');
    const courseId = await coveredCourse(api, { maxEngagementDays: 30 });
    const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody({ email: 'r@example.org' }) }))
      .body.id;
    const enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-01' } })
    ).body.id; // deadline 2026-12-01
    const enrolment = () => api.request('GET', `/v1/enrolments/${enrolmentId}`).then((r) => r.body);
    const submit = (componentId: string) =>
      api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
        token: api.token('learner', learnerId),
        body: { componentId },
      });
    const mark = (componentId: string, value: number) =>
      api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
        token: api.token('tutor', TUTOR),
        body: { componentId, mark: value },
      });
    const agreeHeldMarks = async () => {
      const held = await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) =>
        e.components.every((c: any) => c.attempts.at(-1).classification !== 'pending'),
      );
      for (const component of held.components.filter((c: any) => c.attempts.at(-1).classification === 'sampled'))
        expect(
          (
            await api.request('POST', `/v1/enrolments/${enrolmentId}/moderations`, {
              token: api.token('examiner', EXTERNAL),
              body: { componentId: component.id, decision: 'agreed', reason: 'Marking confirmed' },
            })
          ).status,
        ).toBe(201);
    };
    await submit('essay');
    await submit('exam');
    await mark('essay', 42);
    await mark('exam', 46);
    await agreeHeldMarks();
    await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) => e.outcome?.referredComponents.length === 2);
    expect((await submit('essay')).status).toBe(201);
    expect((await mark('essay', 72)).status).toBe(201); // within 3 of Distinction: held for moderation
    await api.eventually(
      `/v1/enrolments/${enrolmentId}`,
      (e: any) => e.components[0].attempts[1].classification === 'sampled',
    );

    const sweep = api.app.get(DeadlineSweep);
    clock.set('2026-12-02T02:00:00Z');
    expect(await sweep.sweep()).toBe(0);
    expect((await enrolment()).status).toBe('active');

    await agreeHeldMarks();
    expect(await sweep.sweep()).toBe(1);
    const lapsed = await enrolment();
    expect(lapsed).toMatchObject({
      status: 'assessed',
      outcome: {
        result: 'fail',
        weightedMark: 62, // 0.6 × 72 + 0.4 × 46 = 61.6
        referredComponents: [],
        note: 'referral of exam not resubmitted by 2026-12-01',
      },
    });
    expect(lapsed.outcome.components).toEqual([
      { componentId: 'essay', attempt: 2, mark: 72, passed: true },
      { componentId: 'exam', attempt: 1, mark: 46, passed: false },
    ]);
  });
});
