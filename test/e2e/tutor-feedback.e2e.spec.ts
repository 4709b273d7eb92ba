import { coveredCourse } from '../support/courses.js';
import { learnerBody, TUTOR } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

/** A tutor's feedback on a submission, over HTTP: given by an assigned tutor, shown to the learner. */
describe('tutor feedback', () => {
  let api: TestApp;
  let learnerId: string;
  let enrolmentId: string;
  const path = () => `/v1/enrolments/${enrolmentId}/feedback`;

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z') });
    const courseId = await coveredCourse(api);
    learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
    enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
    ).body.id;
    await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, { body: { componentId: 'essay' } });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('records the assigned tutor’s feedback on the latest attempt and shows it to the learner', async () => {
    const given = await api.request('POST', path(), {
      token: api.token('tutor', TUTOR),
      body: { componentId: 'essay', feedback: ' Cite more primary sources. ' },
    });
    const feedback = { text: 'Cite more primary sources.', givenBy: TUTOR, givenAt: '2026-11-23T09:00:00.000Z' };
    expect(given).toMatchObject({ status: 201, body: { id: enrolmentId, attempts: [{ attempt: 1, feedback }] } });

    const shown = await api.eventually(
      `/v1/enrolments/${enrolmentId}`,
      (e: any) => e.components?.[0]?.attempts?.[0]?.feedback !== undefined,
      { token: api.token('learner', learnerId) },
    );
    expect(shown.components[0].attempts[0].feedback).toEqual(feedback);
  });

  it('refuses a tutor not assigned to the course and the learner (403)', async () => {
    for (const token of [api.token('tutor', 'tutor-elsewhere'), api.token('learner', learnerId)]) {
      const refused = await api.request('POST', path(), { token, body: { componentId: 'essay', feedback: 'Hm' } });
      expect(refused.status).toBe(403);
    }
  });

  it('refuses blank feedback, naming the field and the rule, and feedback on work not yet submitted', async () => {
    const token = api.token('tutor', TUTOR);
    const blank = await api.request('POST', path(), { token, body: { componentId: 'essay', feedback: '' } });
    expect(blank).toMatchObject({ status: 400, body: { message: ['feedback must be 1-1000 characters'] } });
    const early = await api.request('POST', path(), { token, body: { componentId: 'exam', feedback: 'Good' } });
    expect(early.status).toBe(409);
  });
});
