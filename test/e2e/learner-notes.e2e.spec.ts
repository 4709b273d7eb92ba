import { coveredCourse } from '../support/courses.js';
import { learnerBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

/** A learner's own notes on their enrolment, over HTTP. */
describe('learner notes', () => {
  let api: TestApp;
  let learnerId: string;
  let enrolmentId: string;
  const path = () => `/v1/enrolments/${enrolmentId}/learner-notes`;

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z') });
    const courseId = await coveredCourse(api);
    learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
    enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
    ).body.id;
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('adds the learner’s note and shows it on the enrolment', async () => {
    const added = await api.request('POST', path(), {
      token: api.token('learner', learnerId),
      body: { note: ' Essay plan done ' },
    });
    expect(added).toMatchObject({
      status: 201,
      body: { id: enrolmentId, learnerNotes: [{ note: 'Essay plan done', addedAt: '2026-11-23T09:00:00.000Z' }] },
    });

    const shown = await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) => e.learnerNotes?.length === 1);
    expect(shown.learnerNotes).toEqual([{ note: 'Essay plan done', addedAt: '2026-11-23T09:00:00.000Z' }]);
  });

  it('refuses another learner (403) and staff roles (403)', async () => {
    for (const token of [api.token('learner', 'someone-else'), api.token('registry'), api.token('tutor')]) {
      const refused = await api.request('POST', path(), { token, body: { note: 'Not mine' } });
      expect(refused.status).toBe(403);
    }
  });

  it('refuses a blank or over-long note, naming the field and the rule', async () => {
    for (const note of ['', 'x'.repeat(1001)]) {
      const refused = await api.request('POST', path(), { token: api.token('learner', learnerId), body: { note } });
      expect(refused).toMatchObject({ status: 400, body: { message: ['note must be 1-1000 characters'] } });
    }
  });
});
