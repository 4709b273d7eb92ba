import { randomUUID } from 'node:crypto';
import { coveredCourse } from '../support/courses.js';
import { courseBody, learnerBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

/** Every bad request gets a 4xx naming the field and the rule, and appends nothing. */
describe('bad input', () => {
  let api: TestApp;
  let enrolmentId: string;
  let learnerId: string;
  let courseId: string;

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z') });
    courseId = await coveredCourse(api, { code: 'GOOD1' });
    learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
    enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
    ).body.id;
  });
  afterAll(async () => {
    await api?.destroy();
  });

  type Case = [
    name: string,
    method: string,
    path: () => string,
    body: unknown,
    field: RegExp,
    role?: 'tutor' | 'learner',
  ];
  const cases: Case[] = [
    ['credits as a string', 'POST', () => '/v1/courses', courseBody({ credits: '15' }), /^credits must be an integer/],
    [
      'weights not summing to 100',
      'POST',
      () => '/v1/courses',
      courseBody({
        components: [
          { id: 'essay', title: 'Essay', weight: 50 },
          { id: 'exam', title: 'Exam', weight: 40 },
        ],
      }),
      /^components weights must sum to 100 \(they sum to 90\)/,
    ],
    [
      'a 5-digit HECoS code',
      'POST',
      () => '/v1/courses',
      courseBody({ hecosCodes: ['10036'] }),
      /^hecosCodes\[0\] must be a 6-digit HECoS code/,
    ],
    [
      'a malformed CAH code',
      'POST',
      () => '/v1/courses',
      courseBody({ cahCode: 'CAH11-1' }),
      /^cahCode must be a CAH code/,
    ],
    [
      'an unknown framework',
      'POST',
      () => '/v1/courses',
      courseBody({ level: { framework: 'EQF', level: 7 } }),
      /^level\.framework must be one of/,
    ],
    [
      'a level outside the framework',
      'POST',
      () => '/v1/courses',
      courseBody({ level: { framework: 'FHEQ', level: 9 } }),
      /^level\.level must be one of 4, 5, 6, 7, 8/,
    ],
    [
      'a PgCert-sized course',
      'POST',
      () => '/v1/courses',
      courseBody({ credits: 60 }),
      /^credits must be below 60 .*award the macro-credential instead/,
    ],
    [
      'a component weight that is not a number',
      'POST',
      () => '/v1/courses',
      courseBody({ components: [{ id: 'essay', title: 'Essay', weight: 'sixty' }] }),
      /^components\[0\]\.weight must be an integer/,
    ],
    [
      'an unknown mode of learning',
      'POST',
      () => '/v1/courses',
      courseBody({ modeOfLearning: 'telepathy' }),
      /^modeOfLearning must be one of/,
    ],
    [
      'an invalid email',
      'POST',
      () => '/v1/learners',
      learnerBody({ email: 'not-an-email' }),
      /^email must be an email address$/,
    ],
    ['a missing family name', 'POST', () => '/v1/learners', { givenName: 'A', email: 'a@example.org' }, /^familyName /],
    [
      'an unknown field',
      'POST',
      () => '/v1/learners',
      learnerBody({ isAdmin: true }),
      /^isAdmin is not an allowed field$/,
    ],
    ['a body that is an array', 'POST', () => '/v1/learners', [learnerBody()], /^body must be a JSON object$/],
    [
      'an impossible start date',
      'POST',
      () => '/v1/enrolments',
      () => ({ learnerId, courseId, startDate: '2027-02-30' }),
      /^startDate must be a date as YYYY-MM-DD$/,
    ],
    [
      'a learner id that is not a UUID',
      'POST',
      () => '/v1/enrolments',
      () => ({ learnerId: 'amira', courseId, startDate: '2026-11-23' }),
      /^learnerId must be a UUID$/,
    ],
    [
      'a start date whose engagement period is over',
      'POST',
      () => '/v1/enrolments',
      () => ({ learnerId, courseId, startDate: '2026-01-01' }),
      /^startDate is too early/,
    ],
    [
      'a suspension without a reason',
      'POST',
      () => `/v1/enrolments/${enrolmentId}/suspension`,
      { from: '2026-11-23' },
      /^reason /,
    ],
    [
      'a suspension in the future',
      'POST',
      () => `/v1/enrolments/${enrolmentId}/suspension`,
      { from: '2026-12-25', reason: 'x' },
      /^from must not be in the future$/,
    ],
    [
      'an unknown component',
      'POST',
      () => `/v1/enrolments/${enrolmentId}/submissions`,
      { componentId: 'viva' },
      /^componentId must be one of this course's components: essay, exam$/,
      'learner',
    ],
    [
      'a future submission time',
      'POST',
      () => `/v1/enrolments/${enrolmentId}/submissions`,
      { componentId: 'essay', submittedAt: '2027-01-01T00:00:00Z' },
      /^submittedAt must not be in the future$/,
      'learner',
    ],
    [
      'a mark above 100',
      'POST',
      () => `/v1/enrolments/${enrolmentId}/marks`,
      { componentId: 'essay', mark: 101 },
      /^mark must not be greater than 100$/,
      'tutor',
    ],
    [
      'a fractional mark',
      'POST',
      () => `/v1/enrolments/${enrolmentId}/marks`,
      { componentId: 'essay', mark: 64.5 },
      /^mark must be a whole number$/,
      'tutor',
    ],
    ['a path id that is not a UUID', 'GET', () => '/v1/enrolments/not-a-uuid', undefined, /^id must be a UUID$/],
    [
      'an extension of zero days',
      'POST',
      () => `/v1/enrolments/${enrolmentId}/extensions`,
      { days: 0, reason: 'x' },
      /^days must not be less than 1$/,
    ],
    [
      'a learner without a given name',
      'POST',
      () => '/v1/learners',
      { familyName: 'Okafor' },
      /^givenName is required$/,
    ],
    [
      'a null family name',
      'POST',
      () => '/v1/learners',
      { ...learnerBody(), familyName: null },
      /^familyName is required$/,
    ],
    [
      'an extension without a reason',
      'POST',
      () => `/v1/enrolments/${enrolmentId}/extensions`,
      { days: 3 },
      /^reason is required$/,
    ],
  ];

  // Rest parameters: jest reads a function declaring more parameters than a row has as wanting done().
  it.each(cases)(
    'refuses %s with a 400 naming the field, appending nothing',
    async (...[, method, path, body, field, role]: Case) => {
      const head = await api.store.headPosition();
      const token =
        role === 'learner' ? api.token('learner', learnerId) : role === 'tutor' ? api.token('tutor') : undefined;
      const payload = typeof body === 'function' ? body() : body;
      const response = await api.request(method, path(), { body: payload, token });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(response.body.message).toEqual(expect.arrayContaining([expect.stringMatching(field)]));
      expect(await api.store.headPosition()).toBe(head);
    },
  );

  it('reports every bad field of a course at once', async () => {
    const response = await api.request('POST', '/v1/courses', {
      body: courseBody({ hecosCodes: ['1'], cahCode: 'X', components: [{ id: 'essay', title: 'Essay', weight: 70 }] }),
    });
    expect(response.body.message).toHaveLength(3);
  });

  it('refuses malformed JSON, a non-JSON body and an oversized body with a 4xx', async () => {
    const head = await api.store.headPosition();
    const malformed = await api.request('POST', '/v1/learners', { rawBody: '{"givenName": "A",' });
    expect(malformed).toMatchObject({
      status: 400,
      body: { statusCode: 400, message: [expect.stringMatching(/JSON/)] },
    });
    const text = await api.request('POST', '/v1/learners', { rawBody: 'hello', contentType: 'text/plain' });
    expect(text.status).toBeGreaterThanOrEqual(400);
    expect(text.status).toBeLessThan(500);
    const huge = await api.request('POST', '/v1/learners', { body: learnerBody({ givenName: 'x'.repeat(300_000) }) });
    expect(huge.status).toBe(413);
    expect(await api.store.headPosition()).toBe(head);
  });

  it('answers 401 without a valid token and 403 for a role that may not act', async () => {
    expect((await api.request('GET', `/v1/enrolments/${enrolmentId}`, { token: null })).status).toBe(401);
    expect((await api.request('GET', `/v1/enrolments/${enrolmentId}`, { token: 'a.b.c' })).status).toBe(401);
    const asTutor = await api.request('POST', '/v1/courses', { token: api.token('tutor'), body: courseBody() });
    expect(asTutor).toMatchObject({ status: 403, body: { message: ['requires one of the roles: registry'] } });
    const otherLearner = await api.request('GET', `/v1/learners/${learnerId}/record`, {
      token: api.token('learner', randomUUID()),
    });
    expect(otherLearner.status).toBe(403);
    const otherSubmits = await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
      token: api.token('learner', randomUUID()),
      body: { componentId: 'essay' },
    });
    expect(otherSubmits.status).toBe(403);
  });

  it('answers 404 for unknown ids and 409 for conflicts with the current state', async () => {
    expect((await api.request('GET', `/v1/enrolments/${randomUUID()}`)).status).toBe(404);
    expect((await api.request('GET', `/v1/learners/${randomUUID()}/record`)).status).toBe(404);
    const unknownLearner = await api.request('POST', '/v1/enrolments', {
      body: { learnerId: randomUUID(), courseId, startDate: '2026-11-23' },
    });
    expect(unknownLearner).toMatchObject({
      status: 404,
      body: { message: [expect.stringMatching(/^learner .* not found$/)] },
    });
    const suspendUnknown = await api.request('POST', `/v1/enrolments/${randomUUID()}/suspension`, {
      body: { from: '2026-11-23', reason: 'x' },
    });
    expect(suspendUnknown.status).toBe(404);

    const duplicate = await api.request('POST', '/v1/courses', { body: courseBody({ code: 'GOOD1' }) });
    expect(duplicate).toMatchObject({ status: 409, body: { message: ['course GOOD1 is already defined'] } });
    const markWithoutSubmission = await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
      token: api.token('tutor'),
      body: { componentId: 'exam', mark: 60 },
    });
    expect(markWithoutSubmission).toMatchObject({
      status: 409,
      body: { message: ['no submission of exam is awaiting a mark'] },
    });
    const resumeActive = await api.request('POST', `/v1/enrolments/${enrolmentId}/resumption`, {
      body: { on: '2026-11-23' },
    });
    expect(resumeActive).toMatchObject({ status: 409, body: { message: ['cannot resume: enrolment is active'] } });
  });
});
