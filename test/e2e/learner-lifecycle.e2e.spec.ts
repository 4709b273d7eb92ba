import { coveredCourse } from '../support/courses.js';
import { boardBody, courseBody, learnerBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

/** Course -> learner -> enrolment -> submissions -> marks through HTTP, then a restart. */
describe('learner lifecycle over HTTP', () => {
  const clock = new TestClock('2026-11-23T09:00:00Z');
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start({ clock });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('records the whole lifecycle as events and serves it back after a restart', async () => {
    const course = await api.request('POST', '/v1/courses', {
      body: courseBody({ code: 'DSE701', tutorIds: ['tutor-7'] }),
    });
    expect(course.status).toBe(201);
    expect(course.body).toMatchObject({ code: 'DSE701', credits: 15, ectsCredits: 7.5, passMark: 50 });
    expect((await api.request('POST', '/v1/boards', { body: boardBody([course.body.id]) })).status).toBe(201);

    const learner = await api.request('POST', '/v1/learners', { body: learnerBody() });
    expect(learner.status).toBe(201);
    const learnerId: string = learner.body.id;

    const enrolment = await api.request('POST', '/v1/enrolments', {
      body: { learnerId, courseId: course.body.id, startDate: '2026-11-20' },
    });
    expect(enrolment.status).toBe(201);
    expect(enrolment.body.deadline).toBe('2027-03-20');
    const enrolmentId: string = enrolment.body.id;

    const asLearner = api.token('learner', learnerId);
    const asTutor = api.token('tutor', 'tutor-7');
    clock.set('2026-12-10T14:30:00Z');
    const essay = await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
      token: asLearner,
      body: { componentId: 'essay', identityVerification: 'photo-id' },
    });
    expect(essay).toEqual({
      status: 201,
      body: expect.objectContaining({
        attempt: 1,
        submittedAt: '2026-12-10T14:30:00.000Z',
        identityVerification: 'photo-id',
      }),
    });
    const essayMark = await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
      token: asTutor,
      body: { componentId: 'essay', mark: 64 },
    });
    expect(essayMark.status).toBe(201);
    expect(essayMark.body.outcome).toBeUndefined();

    clock.set('2027-01-15T10:00:00Z');
    await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
      token: asLearner,
      body: { componentId: 'exam' },
    });
    const examMark = await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
      token: asTutor,
      body: { componentId: 'exam', mark: 66 },
    });
    expect(examMark.status).toBe(201);
    // 0.6 * 64 + 0.4 * 66 = 64.8, rounded to 65: a clean Merit, confirmed under delegated authority.
    const confirmed = await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) => e.status === 'confirmed');
    expect(confirmed.outcome).toMatchObject({ result: 'pass', weightedMark: 65, grade: 'Merit' });
    expect(confirmed.confirmation).toMatchObject({ delegated: true, result: 'pass', weightedMark: 65 });
    const record = await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1);
    expect(record.credits).toEqual({ cats: 15, ects: 7.5 });

    const streamTypes = (await api.store.read(`enrolment-${enrolmentId}`)).map((e) => e.type);
    expect(streamTypes).toEqual([
      'EnrolmentStarted',
      'WorkSubmitted',
      'MarkRecorded',
      'MarkReleased',
      'WorkSubmitted',
      'MarkRecorded',
      'MarkReleased',
      'OutcomeCalculated',
      'OutcomeConfirmed',
    ]);
    const [started] = await api.store.read(`enrolment-${enrolmentId}`);
    expect(started!.metadata).toMatchObject({
      actor: 'registry-1',
      role: 'registry',
      occurredAt: '2026-11-23T09:00:00.000Z',
    });

    const before = await api.request('GET', `/v1/learners/${learnerId}/record`);
    await api.close();
    api = await TestApp.start({ dataDir: api.dataDir, clock });

    const after = await api.request('GET', `/v1/learners/${learnerId}/record`, { token: asLearner });
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    expect(after.body.learner).toMatchObject({ id: learnerId, givenName: 'Amira', familyName: 'Okafor' });
    expect(after.body.enrolments).toHaveLength(1);
    expect(after.body.enrolments[0]).toMatchObject({
      id: enrolmentId,
      status: 'confirmed',
      course: { code: 'DSE701' },
      outcome: { result: 'pass', weightedMark: 65, grade: 'Merit' },
    });
    expect(after.body.enrolments[0].components[0].attempts[0]).toMatchObject({
      attempt: 1,
      mark: 64,
      markerId: 'tutor-7',
    });
    expect(after.body.awards[0]).toMatchObject({
      title: 'Data Ethics in Practice',
      result: { grade: 'Merit' },
      status: 'issued',
    });

    const enrolmentView = await api.request('GET', `/v1/enrolments/${enrolmentId}`, { token: asTutor });
    expect(enrolmentView.body).toMatchObject({
      id: enrolmentId,
      learnerId,
      status: 'confirmed',
      deadline: '2027-03-20',
    });
  });

  it('moves the deadline by the days an enrolment was suspended', async () => {
    clock.set('2026-11-23T09:00:00Z');
    const courseId = await coveredCourse(api);
    const learner = await api.request('POST', '/v1/learners', { body: learnerBody({ email: 'tomasz@example.org' }) });
    const enrolment = await api.request('POST', '/v1/enrolments', {
      body: { learnerId: learner.body.id, courseId, startDate: '2026-11-23' },
    });
    expect(enrolment.body.deadline).toBe('2027-03-23');
    clock.set('2026-12-01T09:00:00Z');
    const suspended = await api.request('POST', `/v1/enrolments/${enrolment.body.id}/suspension`, {
      body: { from: '2026-12-01', reason: 'Caring responsibilities' },
    });
    expect(suspended.body).toMatchObject({ status: 'suspended' });
    clock.set('2027-01-10T09:00:00Z');
    const resumed = await api.request('POST', `/v1/enrolments/${enrolment.body.id}/resumption`, {
      body: { on: '2027-01-10' },
    });
    expect(resumed.status).toBe(201);
    expect(resumed.body).toMatchObject({ status: 'active', suspendedDays: 40, deadline: '2027-05-02' });
    const view = await api.request('GET', `/v1/enrolments/${enrolment.body.id}`);
    expect(view.body).toMatchObject({ status: 'active', deadline: '2027-05-02', suspendedDays: 40 });
  });

  it('serves the OpenAPI document and health', async () => {
    const docs = await api.request('GET', '/docs-json', { token: null });
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/v1/courses', '/v1/learners', '/v1/enrolments/{id}/marks', '/v1/learners/{id}/record']),
    );
    const health = await api.request('GET', '/health', { token: null });
    expect(health.body).toMatchObject({ status: 'ok', projections: { lag: 0 } });
  });
});
