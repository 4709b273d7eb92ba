import { coveredCourse } from '../support/courses.js';
import { CHAIR, learnerBody, TUTOR } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

/**
 * Reasonable adjustments over HTTP: the registry records and withdraws them, the deadline moves,
 * and markers, the board and the learner see them; another learner does not.
 */
describe('reasonable adjustments', () => {
  let api: TestApp;
  let learnerId: string;
  let enrolmentId: string;
  const path = () => `/v1/enrolments/${enrolmentId}/adjustments`;
  // Started 2026-11-23 on a course of 180 days' engagement (courseBody).
  let deadline: string;

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z') });
    const courseId = await coveredCourse(api);
    learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
    const started = await api.request('POST', '/v1/enrolments', {
      body: { learnerId, courseId, startDate: '2026-11-23' },
    });
    enrolmentId = started.body.id;
    deadline = started.body.deadline;
  });
  afterAll(async () => {
    await api?.destroy();
  });

  const addDays = (date: string, days: number) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  it('records an adjustment approved by the caller; its extension days move the submission deadline', async () => {
    const recorded = await api.request('POST', path(), {
      token: api.token('registry', 'registry-officer'),
      body: { type: 'extra-time', extensionDays: 14, note: ' 25% extra time in timed assessments ' },
    });
    expect(recorded).toMatchObject({
      status: 201,
      body: {
        id: enrolmentId,
        extensionDays: 14,
        deadline: addDays(deadline, 14),
        adjustments: [
          {
            adjustmentId: recorded.body.adjustmentId,
            type: 'extra-time',
            extensionDays: 14,
            note: '25% extra time in timed assessments',
            approvedBy: 'registry-officer',
            recordedAt: '2026-11-23T09:00:00.000Z',
            withdrawal: null,
          },
        ],
      },
    });

    const own = await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) => e.adjustments?.length === 1, {
      token: api.token('learner', learnerId),
    });
    expect(own).toMatchObject({ deadline: addDays(deadline, 14), adjustments: [{ type: 'extra-time' }] });
  });

  it('refuses a type not on the list and bad extension days (400 naming the field and the rule)', async () => {
    const badType = await api.request('POST', path(), { body: { type: 'quiet-room' } });
    expect(badType).toMatchObject({
      status: 400,
      body: {
        message: ['type must be one of extra-time, alternative-format, rest-breaks, assistive-technology, other'],
      },
    });
    const badDays = await api.request('POST', path(), { body: { type: 'extra-time', extensionDays: 400 } });
    expect(badDays).toMatchObject({
      status: 400,
      body: { message: ['extensionDays must be a whole number from 0 to 365'] },
    });
  });

  it('lets only the registry record one: the learner, another learner and a tutor are refused (403)', async () => {
    for (const token of [
      api.token('learner', learnerId),
      api.token('learner', 'another-learner'),
      api.token('tutor'),
    ]) {
      const refused = await api.request('POST', path(), { token, body: { type: 'rest-breaks' } });
      expect(refused.status).toBe(403);
    }
  });

  it('never shows them to another learner (403)', async () => {
    const other = await api.request('GET', `/v1/enrolments/${enrolmentId}`, {
      token: api.token('learner', 'another-learner'),
    });
    expect(other.status).toBe(403);
  });

  it('shows those in force to the marker in the marking queue and to the board with the case', async () => {
    await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, { body: { componentId: 'essay' } });
    const queue = await api.eventually(
      '/v1/marking/queue',
      (items: any[]) => items.some((i) => i.enrolmentId === enrolmentId),
      { token: api.token('tutor', TUTOR) },
    );
    const item = queue.find((i: any) => i.enrolmentId === enrolmentId);
    expect(item.adjustments).toMatchObject([{ type: 'extra-time', note: '25% extra time in timed assessments' }]);

    await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
      token: api.token('tutor', TUTOR),
      body: { componentId: 'essay', mark: 64 },
    });
    await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, { body: { componentId: 'exam' } });
    await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
      token: api.token('tutor', TUTOR),
      body: { componentId: 'exam', mark: 66 },
    });
    const cases = await api.eventually(
      '/v1/boards/cases?status=decided',
      (found: any[]) => found.some((c) => c.enrolmentId === enrolmentId),
      { token: api.token('board', CHAIR) },
    );
    const boardCase = cases.find((c: any) => c.enrolmentId === enrolmentId);
    expect(boardCase.adjustments).toMatchObject([{ type: 'extra-time', extensionDays: 14 }]);
  });

  describe('withdrawal', () => {
    let otherEnrolment: string;
    let adjustmentId: string;

    beforeAll(async () => {
      const courseId = await coveredCourse(api);
      otherEnrolment = (
        await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
      ).body.id;
      adjustmentId = (
        await api.request('POST', `/v1/enrolments/${otherEnrolment}/adjustments`, {
          body: { type: 'assistive-technology', extensionDays: 7 },
        })
      ).body.adjustmentId;
    });

    const withdrawal = (id: string) => `/v1/enrolments/${otherEnrolment}/adjustments/${id}/withdrawal`;

    it('keeps the adjustment on the record, marked withdrawn, and takes its days off the deadline', async () => {
      const withdrawn = await api.request('POST', withdrawal(adjustmentId), {
        body: { reason: 'Software provided by the learner' },
      });
      expect(withdrawn).toMatchObject({
        status: 201,
        body: {
          extensionDays: 0,
          deadline,
          adjustments: [{ adjustmentId, withdrawal: { reason: 'Software provided by the learner' } }],
        },
      });
      const again = await api.request('POST', withdrawal(adjustmentId), { body: { reason: 'Again' } });
      expect(again.status).toBe(409);
    });

    it('refuses a blank reason (400), a malformed id (400) and an unknown one (404)', async () => {
      const blank = await api.request('POST', withdrawal(adjustmentId), { body: { reason: '' } });
      expect(blank).toMatchObject({ status: 400, body: { message: ['reason must be 1-1000 characters'] } });
      const malformed = await api.request('POST', withdrawal('adj-1'), { body: { reason: 'Wrong' } });
      expect(malformed).toMatchObject({ status: 400, body: { message: ['adjustmentId must be a UUID'] } });
      const unknown = await api.request('POST', withdrawal('00000000-0000-4000-8000-000000000000'), {
        body: { reason: 'Wrong' },
      });
      expect(unknown.status).toBe(404);
    });
  });
});
