import { randomUUID } from 'node:crypto';
import { signHs256 } from '#records-api';
import { coveredCourse } from '../support/courses.js';
import { courseBody, TUTOR } from '../support/fixtures.js';
import { submittedEnrolment } from '../support/enrolments.js';
import { TEST_SECRET, TestApp, TestClock } from '../support/test-app.js';

const REFUSED = 'tutors may mark only courses they are assigned to';

/**
 * Ownership for tutors: the registry assigns tutors to a course (with its definition or one by
 * one) and releases them; a caller acting as a tutor marks, amends and flags only enrolments of
 * courses they are assigned to.
 */
describe('tutor assignment', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z'), processes: () => [] });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  const defineCourse = (tutorIds: string[]) => coveredCourse(api, { tutorIds });

  const mark = (enrolmentId: string, token: string, componentId = 'essay') =>
    api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, { token, body: { componentId, mark: 64 } });

  /** Runs `act` and returns its response, checking that the store's head did not move. */
  const appendsNothing = async <T>(act: () => Promise<T>): Promise<T> => {
    const head = await api.store.headPosition();
    const result = await act();
    expect(await api.store.headPosition()).toBe(head);
    return result;
  };

  describe('defining a course with tutors', () => {
    it('assigns them, shows them on the course, and records one TutorAssigned each after CourseDefined', async () => {
      const created = await api.request('POST', '/v1/courses', {
        body: courseBody({ tutorIds: ['tutor-a', 'tutor-b'] }),
      });

      expect(created).toMatchObject({ status: 201, body: { tutorIds: ['tutor-a', 'tutor-b'] } });
      const read = await api.request('GET', `/v1/courses/${created.body.id}`, {
        token: api.token('learner', randomUUID()),
      });
      expect(read.body.tutorIds).toEqual(['tutor-a', 'tutor-b']);
      const events = await api.store.read(`course-${created.body.id}`);
      expect(events.map((e) => [e.type, (e.data as { tutorId?: string }).tutorId])).toEqual([
        ['CourseDefined', undefined],
        ['CourseApproved', undefined],
        ['TutorAssigned', 'tutor-a'],
        ['TutorAssigned', 'tutor-b'],
      ]);
      expect(events[0]!.data).not.toHaveProperty('tutorIds');
    });

    it('defines a course without tutors when none are given', async () => {
      const created = await api.request('POST', '/v1/courses', { body: courseBody({ tutorIds: undefined }) });
      expect(created).toMatchObject({ status: 201, body: { tutorIds: [] } });
    });

    it.each<[string, unknown, RegExp]>([
      ['not a list', 'tutor-1', /^tutorIds must be an array$/],
      [
        '201 tutors',
        Array.from({ length: 201 }, (_, i) => `t-${i}`),
        /^tutorIds must contain no more than 200 elements$/,
      ],
      ['an empty id', ['tutor-1', ''], /^tutorIds must hold ids that are 1-128 characters without spaces$/],
      ['an id of 129 characters', ['t'.repeat(129)], /^tutorIds must hold ids that are 1-128 characters/],
      ['an id with a space', ['tutor one'], /^tutorIds must hold ids that are 1-128 characters without spaces$/],
      ['an id that is not text', [7], /^tutorIds must hold only strings$/],
      ['the same id twice', ['tutor-1', 'tutor-1'], /^tutorIds must not repeat a tutor$/],
    ])(
      'refuses tutorIds that are %s with a 400 naming the field, appending nothing',
      async (_case, tutorIds, message) => {
        const response = await appendsNothing(() =>
          api.request('POST', '/v1/courses', { body: courseBody({ tutorIds }) }),
        );
        expect(response).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request' } });
        expect(response.body.message).toEqual([expect.stringMatching(message)]);
      },
    );
  });

  describe('POST /v1/courses/:id/tutors', () => {
    it('assigns a tutor (201), recording who assigned them, and refuses the same tutor again (409)', async () => {
      const courseId = await defineCourse([]);

      const assigned = await api.request('POST', `/v1/courses/${courseId}/tutors`, { body: { tutorId: 'tutor-new' } });
      expect(assigned).toMatchObject({ status: 201, body: { id: courseId, tutorIds: ['tutor-new'] } });
      const event = (await api.store.read(`course-${courseId}`)).at(-1);
      expect(event).toMatchObject({
        type: 'TutorAssigned',
        data: { courseId, tutorId: 'tutor-new', assignedBy: 'registry-1' },
      });

      const again = await appendsNothing(() =>
        api.request('POST', `/v1/courses/${courseId}/tutors`, { body: { tutorId: 'tutor-new' } }),
      );
      expect(again).toMatchObject({
        status: 409,
        body: { message: [expect.stringMatching(/tutor tutor-new is already assigned/)] },
      });
      expect((await api.request('GET', `/v1/courses/${courseId}`)).body.tutorIds).toEqual(['tutor-new']);
    });

    it('answers 404 for an unknown course', async () => {
      const response = await appendsNothing(() =>
        api.request('POST', `/v1/courses/${randomUUID()}/tutors`, { body: { tutorId: 'tutor-x' } }),
      );
      expect(response).toMatchObject({ status: 404, body: { statusCode: 404, error: 'Not Found' } });
    });

    it.each<[string, unknown, RegExp]>([
      ['no tutorId', {}, /^tutorId is required$/],
      ['an empty tutorId', { tutorId: '' }, /^tutorId must be 1-128 characters without spaces$/],
      ['a tutorId with a space', { tutorId: 'tutor one' }, /^tutorId must be 1-128 characters without spaces$/],
      ['a tutorId of 129 characters', { tutorId: 't'.repeat(129) }, /^tutorId must be 1-128 characters/],
      ['an unknown field', { tutorId: 'tutor-x', role: 'registry' }, /^role is not an allowed field$/],
    ])('refuses %s with a 400 naming the field', async (_case, body, message) => {
      const courseId = await defineCourse([]);
      const response = await appendsNothing(() => api.request('POST', `/v1/courses/${courseId}/tutors`, { body }));
      expect(response).toMatchObject({ status: 400, body: { message: [expect.stringMatching(message)] } });
    });
  });

  describe('DELETE /v1/courses/:id/tutors/:tutorId', () => {
    it('releases a tutor with the reason given (200), then refuses to release them again (409)', async () => {
      const courseId = await defineCourse(['tutor-a', 'tutor-b']);

      const released = await api.request(
        'DELETE',
        `/v1/courses/${courseId}/tutors/tutor-a?reason=${encodeURIComponent('Left the team')}`,
      );
      expect(released).toMatchObject({ status: 200, body: { id: courseId, tutorIds: ['tutor-b'] } });
      expect((await api.store.read(`course-${courseId}`)).at(-1)).toMatchObject({
        type: 'TutorReleased',
        data: { courseId, tutorId: 'tutor-a', reason: 'Left the team' },
        metadata: { actor: 'registry-1', role: 'registry' },
      });

      const again = await appendsNothing(() => api.request('DELETE', `/v1/courses/${courseId}/tutors/tutor-a`));
      expect(again).toMatchObject({
        status: 409,
        body: { message: [expect.stringMatching(/tutor tutor-a is not assigned/)] },
      });
    });

    it('records a default reason when none is given', async () => {
      const courseId = await defineCourse(['tutor-a']);
      expect((await api.request('DELETE', `/v1/courses/${courseId}/tutors/tutor-a`)).status).toBe(200);
      expect((await api.store.read(`course-${courseId}`)).at(-1)).toMatchObject({
        data: { reason: 'No reason given' },
      });
    });

    it('answers 404 for an unknown course', async () => {
      const response = await appendsNothing(() => api.request('DELETE', `/v1/courses/${randomUUID()}/tutors/tutor-a`));
      expect(response.status).toBe(404);
    });

    it.each<[string, string, RegExp]>([
      ['a blank reason', 'tutor-a?reason=%20%20', /^reason must be 1-1000 characters$/],
      ['an empty reason', 'tutor-a?reason=', /^reason must be 1-1000 characters$/],
      ['a reason over 1000 characters', `tutor-a?reason=${'r'.repeat(1001)}`, /^reason must be 1-1000 characters$/],
      ['two reasons', 'tutor-a?reason=a&reason=b', /^reason must be a string$/],
      ['an unknown query parameter', 'tutor-a?force=true', /^force is not an allowed field$/],
      ['a tutor id with a space', 'tutor%20a', /^tutorId must be 1-128 characters without spaces$/],
    ])('refuses %s with a 400 naming it', async (_case, rest, message) => {
      const courseId = await defineCourse(['tutor-a']);
      const response = await appendsNothing(() => api.request('DELETE', `/v1/courses/${courseId}/tutors/${rest}`));
      expect(response).toMatchObject({ status: 400, body: { message: [expect.stringMatching(message)] } });
    });
  });

  describe('ownership', () => {
    it(`refuses a tutor on a course they are not assigned to (403 "${REFUSED}"), appending nothing`, async () => {
      const enrolmentId = await submittedEnrolment(api, await defineCourse(['tutor-other']));

      for (const [path, body] of [
        ['marks', { componentId: 'essay', mark: 64 }],
        ['mark-amendments', { componentId: 'essay', mark: 65, reason: 'Arithmetic' }],
        ['integrity-flags', { reason: 'Matching text' }],
      ] as const) {
        const response = await appendsNothing(() =>
          api.request('POST', `/v1/enrolments/${enrolmentId}/${path}`, { token: api.token('tutor', TUTOR), body }),
        );
        expect(response).toMatchObject({
          status: 403,
          body: { statusCode: 403, error: 'Forbidden', message: [REFUSED] },
        });
      }
      expect((await mark(enrolmentId, api.token('tutor', 'tutor-other'))).status).toBe(201);
    });

    it('lets a tutor mark once assigned, and no longer once released', async () => {
      const courseId = await defineCourse([]);
      const enrolmentId = await submittedEnrolment(api, courseId);
      const tutor = api.token('tutor', 'tutor-late');

      expect((await mark(enrolmentId, tutor)).status).toBe(403);
      await api.request('POST', `/v1/courses/${courseId}/tutors`, { body: { tutorId: 'tutor-late' } });
      expect((await mark(enrolmentId, tutor, 'essay')).status).toBe(201);
      await api.request('DELETE', `/v1/courses/${courseId}/tutors/tutor-late?reason=Reassigned`);
      const refused = await appendsNothing(() => mark(enrolmentId, tutor, 'exam'));
      expect(refused).toMatchObject({ status: 403, body: { message: [REFUSED] } });
    });

    it("does not let an assignment on one course reach another course's enrolments", async () => {
      await defineCourse(['tutor-elsewhere']);
      const enrolmentId = await submittedEnrolment(api, await defineCourse([]));
      expect((await mark(enrolmentId, api.token('tutor', 'tutor-elsewhere'))).status).toBe(403);
    });

    it('checks the role the caller acts in: a registry-and-tutor caller flags as registry but marks as a tutor', async () => {
      const enrolmentId = await submittedEnrolment(api, await defineCourse([]));
      const both = signHs256({ sub: 'staff-both', roles: ['registry', 'tutor'] }, TEST_SECRET);

      const flagged = await api.request('POST', `/v1/enrolments/${enrolmentId}/integrity-flags`, {
        token: both,
        body: { reason: 'Matching text' },
      });
      expect(flagged.status).toBe(201);
      expect((await mark(enrolmentId, both)).status).toBe(403);
    });

    it('answers 404, not 403, for an unknown enrolment', async () => {
      expect((await mark(randomUUID(), api.token('tutor', TUTOR))).status).toBe(404);
    });
  });
});
