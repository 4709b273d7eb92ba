import { coveredCourse } from '../support/courses.js';
import { boardBody, courseBody, learnerBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

/** The registry's rules over HTTP (issue 20): each refusal is a 4xx naming the rule, and appends nothing. */
describe('registry rules', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z') });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  /** The request's answer, after checking that nothing was appended. */
  const refused = async (method: string, path: string, body: unknown, token?: string) => {
    const head = await api.store.headPosition();
    const response = await api.request(method, path, { body, token });
    expect(await api.store.headPosition()).toBe(head);
    return response;
  };

  describe('frameworks and naming', () => {
    it('refuses a 15-credit "Postgraduate Certificate" with a 400 naming the title', async () => {
      const response = await refused(
        'POST',
        '/v1/courses',
        courseBody({ title: 'Postgraduate Certificate in Data Ethics' }),
      );
      expect(response).toMatchObject({
        status: 400,
        body: {
          message: [
            'title must not name a Postgraduate Certificate (PgCert) unless the course is one: a Postgraduate Certificate (PgCert) at FHEQ level 7 is 60 credits and this course has 15 (QAA 2022 7.3, naming must not mislead)',
          ],
        },
      });
    });

    it('calls 240 credits at FHEQ 5 a DipHE, not a CertHE', async () => {
      const response = await refused(
        'POST',
        '/v1/courses',
        courseBody({ credits: 240, level: { framework: 'FHEQ', level: 5 } }),
      );
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual([
        expect.stringMatching(
          /^credits must be below 240 at FHEQ level 5: 240 credits is a Diploma of Higher Education \(DipHE\)/,
        ),
      ]);
    });

    it('accepts RQF and lower SCQF levels and gives the EQF level', async () => {
      const rqf = await api.request('POST', '/v1/courses', {
        body: courseBody({ level: { framework: 'RQF', level: 3 } }),
      });
      expect(rqf).toMatchObject({
        status: 201,
        body: { level: { framework: 'RQF', level: 3 }, eqfLevel: 4, warnings: [] },
      });
      const scqf = await api.request('POST', '/v1/courses', {
        body: courseBody({ level: { framework: 'SCQF', level: 6 } }),
      });
      expect(scqf).toMatchObject({ status: 201, body: { eqfLevel: 4 } });
    });

    it('defines a course over a year long with a warning in the response', async () => {
      const response = await api.request('POST', '/v1/courses', { body: courseBody({ maxEngagementDays: 400 }) });
      expect(response).toMatchObject({
        status: 201,
        body: {
          maxEngagementDays: 400,
          warnings: [{ field: 'maxEngagementDays', message: expect.stringMatching(/^is over a year \(400 days\)/) }],
        },
      });
    });
  });

  describe('enrolment guards', () => {
    const register = async (body = learnerBody()) =>
      (await api.request('POST', '/v1/learners', { body })).body.id as string;

    it('refuses an enrolment on a course no board covers (409), appending nothing', async () => {
      const courseId = (await api.request('POST', '/v1/courses', { body: courseBody() })).body.id;
      const learnerId = await register();
      const response = await refused('POST', '/v1/enrolments', { learnerId, courseId, startDate: '2026-11-23' });
      expect(response).toMatchObject({
        status: 409,
        body: {
          statusCode: 409,
          message: [expect.stringMatching(/is covered by no board: no enrolments until a board/)],
        },
      });
    });

    it('refuses a second active enrolment of one learner on one course, and allows one on another course', async () => {
      const courseId = await coveredCourse(api);
      const learnerId = await register();
      const enrol = (course: string) =>
        api.request('POST', '/v1/enrolments', { body: { learnerId, courseId: course, startDate: '2026-11-23' } });
      const first = await enrol(courseId);
      expect(first.status).toBe(201);
      const second = await refused('POST', '/v1/enrolments', { learnerId, courseId, startDate: '2026-11-23' });
      expect(second).toMatchObject({
        status: 409,
        body: {
          message: [
            expect.stringContaining(
              `already has an active enrolment on course ${courseId} (enrolment ${first.body.id}, active)`,
            ),
          ],
        },
      });
      expect((await enrol(await coveredCourse(api))).status).toBe(201);
    });

    it('lets only one of two concurrent enrolments of a learner on a course through', async () => {
      const courseId = await coveredCourse(api);
      const learnerId = await register();
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    });

    it('answers a second learner with an email already registered with 409 and the existing id, unless a new person is confirmed', async () => {
      const email = `shared.${Date.now()}@example.org`;
      const existing = await register(learnerBody({ email }));
      const again = await refused(
        'POST',
        '/v1/learners',
        learnerBody({ givenName: 'Amy', email: email.toUpperCase() }),
      );
      expect(again).toMatchObject({
        status: 409,
        body: {
          statusCode: 409,
          existingLearnerId: existing,
          message: [expect.stringContaining(`already registered to learner ${existing}`)],
        },
      });
      const confirmed = await api.request('POST', '/v1/learners', {
        body: learnerBody({ givenName: 'Amy', email, confirmedNewPerson: true }),
      });
      expect(confirmed.status).toBe(201);
      expect(confirmed.body.id).not.toBe(existing);
    });

    it('finds a learner by name, email or id through the index, past the first 5,000', async () => {
      const id = await register(
        learnerBody({ givenName: 'Zebedee', familyName: 'Quillfeather', email: 'zq@example.org' }),
      );
      for (const search of ['quillfeather', 'zq@exa', id, 'zebedee quill'])
        expect(
          (await api.request('GET', `/v1/learners?search=${encodeURIComponent(search)}`)).body.map(
            (l: { id: string }) => l.id,
          ),
        ).toEqual([id]);
    });
  });

  describe('course lifecycle', () => {
    const approval = {
      approvedBy: 'Academic Standards Committee',
      externalAdviser: 'Prof. Lena Ortiz',
      approvedOn: '2026-11-20',
    };

    it('refuses enrolments on a draft (409), takes them once approved, and pins them to their version', async () => {
      const draft = await api.request('POST', '/v1/courses', { body: courseBody({ approval: undefined }) });
      expect(draft).toMatchObject({ status: 201, body: { lifecycle: 'draft', version: 1, approval: null } });
      const courseId = draft.body.id;
      await api.request('POST', '/v1/boards', { body: boardBody([courseId]) });
      const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
      const enrolment = { learnerId, courseId, startDate: '2026-11-23' };
      expect(await refused('POST', '/v1/enrolments', enrolment)).toMatchObject({
        status: 409,
        body: { message: [expect.stringMatching(/is a draft \(version 1\): no enrolments until it is approved/)] },
      });
      const badApproval = await refused('POST', `/v1/courses/${courseId}/approval`, {
        ...approval,
        externalAdviser: approval.approvedBy,
      });
      expect(badApproval).toMatchObject({
        status: 400,
        body: { message: ['externalAdviser must be someone other than the approver'] },
      });
      const approved = await api.request('POST', `/v1/courses/${courseId}/approval`, { body: approval });
      expect(approved).toMatchObject({ status: 200, body: { lifecycle: 'approved', approval } });
      const started = await api.request('POST', '/v1/enrolments', { body: enrolment });
      expect(started.status).toBe(201);

      const revised = await api.request('POST', `/v1/courses/${courseId}/versions`, {
        body: { ...courseBody({ code: draft.body.code, title: 'Data Ethics and Governance' }), reason: 'Retitled' },
      });
      expect(revised).toMatchObject({
        status: 201,
        body: { version: 1, title: 'Data Ethics in Practice', revision: { version: 2 } },
      });
      const renamed = await refused('POST', `/v1/courses/${courseId}/versions`, {
        ...courseBody({ code: 'OTHER1' }),
        reason: 'x',
      });
      expect(renamed).toMatchObject({ status: 400, body: { message: [expect.stringMatching(/^code must stay /)] } });
      const live = await api.request('POST', `/v1/courses/${courseId}/approval`, { body: approval });
      expect(live).toMatchObject({
        status: 200,
        body: { version: 2, title: 'Data Ethics and Governance', revision: null },
      });
      expect((await api.request('GET', `/v1/enrolments/${started.body.id}`)).body).toMatchObject({ courseVersion: 1 });
    });
  });
});
