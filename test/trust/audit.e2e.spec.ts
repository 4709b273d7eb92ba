import { randomUUID } from 'node:crypto';
import { coveredCourse } from '../support/courses.js';
import { learnerBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

/** GET /v1/audit?stream=: a stream's events in order, with who did what under which request. */
describe('audit trail', () => {
  let api: TestApp;
  let enrolmentId: string;
  let learnerId: string;

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z'), processes: () => [] });
    const courseId = await coveredCourse(api);
    learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
    enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
    ).body.id;
    await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
      token: api.token('learner', learnerId),
      body: { componentId: 'essay' },
      headers: { 'X-Correlation-Id': 'portal-upload-42' },
    });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it("returns the stream's events in order with their metadata", async () => {
    const response = await api.request('GET', `/v1/audit?stream=enrolment-${enrolmentId}`);
    expect(response.status).toBe(200);
    const { stream, events } = response.body;
    expect(stream).toBe(`enrolment-${enrolmentId}`);
    expect(events.map((e: any) => e.version)).toEqual(events.map((_e: unknown, i: number) => i + 1));
    expect(events.map((e: any) => e.position)).toEqual([...events.map((e: any) => e.position)].sort((a, b) => a - b));
    expect(events[0]).toMatchObject({
      type: 'EnrolmentStarted',
      actor: 'registry-1',
      role: 'registry',
      data: { enrolmentId, learnerId },
    });
    expect(events.at(-1)).toMatchObject({
      type: 'WorkSubmitted',
      actor: learnerId,
      role: 'learner',
      correlationId: 'portal-upload-42',
      causationId: expect.any(String),
      occurredAt: '2026-11-23T09:00:00.000Z',
      data: { componentId: 'essay', attempt: 1 },
    });
  });

  it.each([
    ['missing', '/v1/audit'],
    ['not a stream id', '/v1/audit?stream=enrolment-42'],
    ['an injection', `/v1/audit?stream=${encodeURIComponent("enrolment-x' OR '1'='1")}`],
  ])('refuses a stream that is %s with a 400 naming it', async (_name, path) => {
    const response = await api.request('GET', path);
    expect(response).toMatchObject({ status: 400, body: { message: [expect.stringMatching(/^stream /)] } });
  });

  it('answers 404 for a stream with no events', async () => {
    const response = await api.request('GET', `/v1/audit?stream=enrolment-${randomUUID()}`);
    expect(response).toMatchObject({
      status: 404,
      body: { statusCode: 404, message: [expect.stringMatching(/has no events$/)] },
    });
  });

  it('is for the registry only', async () => {
    const response = await api.request('GET', `/v1/audit?stream=enrolment-${enrolmentId}`, {
      token: api.token('learner', learnerId),
    });
    expect(response.status).toBe(403);
  });
});
