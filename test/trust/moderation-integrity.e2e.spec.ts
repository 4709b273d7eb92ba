import { MODERATION_RULES } from '#domain';
import { boardBody, CHAIR, courseBody, EXTERNAL, INTERNAL, learnerBody, TUTOR } from '../support/fixtures.js';
import { submittedEnrolment } from '../support/enrolments.js';
import { TestApp, TestClock } from '../support/test-app.js';

/**
 * Issue 15, "moderation that cannot be dodged", over HTTP: every refusal is a 403 naming the rule
 * and appends nothing. Two boards: ours covers the course, the other board covers another course.
 */
describe('moderation that cannot be dodged', () => {
  let api: TestApp;
  let course: string;
  let otherCourse: string;
  const BOARD = 'Digital Skills Micro-board';
  const OTHER_MEMBER = 'dr-other-board';
  const OTHER_EXAMINER = 'dr-other-external';
  /** Both a tutor of the course and an internal member of its board. */
  const TUTOR_MEMBER = 'dr-tutor-and-member';

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z') });
    course = (await api.request('POST', '/v1/courses', { body: courseBody({ tutorIds: [TUTOR, TUTOR_MEMBER] }) })).body
      .id;
    otherCourse = (await api.request('POST', '/v1/courses', { body: courseBody({ code: 'OT701' }) })).body.id;
    const ours = boardBody([course]);
    await api.request('POST', '/v1/boards', {
      body: { ...ours, members: [...ours.members, { memberId: TUTOR_MEMBER, name: 'Dr Tutor', role: 'internal' }] },
    });
    await api.request('POST', '/v1/boards', {
      body: boardBody([otherCourse], {
        name: 'Other board',
        members: [
          { memberId: 'prof-other-chair', name: 'Prof. Other', role: 'chair' },
          { memberId: OTHER_MEMBER, name: 'Dr Other', role: 'internal' },
          { memberId: OTHER_EXAMINER, name: 'Dr Other External', role: 'external' },
        ],
      }),
    });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  /** An enrolment on `courseId` whose essay, marked 30 by `marker`, waits for moderation (every fail is sampled). */
  const sampledFail = async (courseId = course, marker = TUTOR) => {
    const enrolmentId = await submittedEnrolment(api, courseId);
    const marked = await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
      token: api.token('tutor', marker),
      body: { componentId: 'essay', mark: 30 },
    });
    expect(marked.status).toBe(201);
    await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) =>
      JSON.stringify(e).includes('"classification":"sampled"'),
    );
    return enrolmentId;
  };

  /** The request is refused with `status` and exactly `message`, and the log does not move. */
  const refused = async (
    request: () => ReturnType<TestApp['request']>,
    status: number,
    message: string,
  ): Promise<void> => {
    const head = await api.store.headPosition();
    const response = await request();
    expect(response).toMatchObject({ status, body: { statusCode: status, message: [message] } });
    expect(await api.store.headPosition()).toBe(head);
  };

  const moderate = (enrolmentId: string, token: string) =>
    api.request('POST', `/v1/enrolments/${enrolmentId}/moderations`, {
      token,
      body: { componentId: 'essay', decision: 'agreed', reason: 'Consistent with the rubric' },
    });

  it('refuses a board member of another board (403)', async () => {
    const enrolmentId = await sampledFail();
    await refused(
      () => moderate(enrolmentId, api.token('board', OTHER_MEMBER)),
      403,
      MODERATION_RULES.notMember(OTHER_MEMBER, BOARD),
    );
  });

  it('refuses an external examiner not appointed to the board covering the course (403)', async () => {
    const enrolmentId = await sampledFail();
    await refused(
      () => moderate(enrolmentId, api.token('examiner', OTHER_EXAMINER)),
      403,
      MODERATION_RULES.notAppointed(OTHER_EXAMINER, BOARD),
    );
    // An internal member of the covering board is not an external examiner either.
    await refused(
      () => moderate(enrolmentId, api.token('examiner', INTERNAL)),
      403,
      MODERATION_RULES.notAppointed(INTERNAL, BOARD),
    );
    expect((await moderate(enrolmentId, api.token('examiner', EXTERNAL))).status).toBe(201);
  });

  it('refuses the marker of the attempt, even when they sit on the board (403)', async () => {
    const enrolmentId = await sampledFail(course, TUTOR_MEMBER);
    await refused(
      () => moderate(enrolmentId, api.token('board', TUTOR_MEMBER)),
      403,
      MODERATION_RULES.ownMark(TUTOR_MEMBER),
    );
    expect((await moderate(enrolmentId, api.token('board', INTERNAL))).status).toBe(201);
  });

  it('refuses to make a learner enrolled on the course one of its tutors, and a learner marking their own work', async () => {
    const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody({ email: 'self@example.org' }) }))
      .body.id;
    // Assigned as a tutor before enrolling (allowed then): marking their own enrolment is still refused.
    expect(
      (await api.request('POST', `/v1/courses/${otherCourse}/tutors`, { body: { tutorId: learnerId } })).status,
    ).toBe(201);
    const enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId: course, startDate: '2026-11-23' } })
    ).body.id;
    await refused(
      () => api.request('POST', `/v1/courses/${course}/tutors`, { body: { tutorId: learnerId } }),
      403,
      MODERATION_RULES.learnerAsTutor(learnerId),
    );
    const onOther = (
      await api.request('POST', '/v1/enrolments', {
        body: { learnerId, courseId: otherCourse, startDate: '2026-11-23' },
      })
    ).body.id;
    await api.request('POST', `/v1/enrolments/${onOther}/submissions`, { body: { componentId: 'essay' } });
    await refused(
      () =>
        api.request('POST', `/v1/enrolments/${onOther}/marks`, {
          token: api.token('tutor', learnerId),
          body: { componentId: 'essay', mark: 100 },
        }),
      403,
      MODERATION_RULES.learnerMarks,
    );
    expect(enrolmentId).toBeDefined();
  });

  it("shows a board member only their own boards' cases and refuses their decision on another board's case", async () => {
    // Mitigating circumstances keep the case from delegated authority: it waits for the other board.
    const enrolmentId = await submittedEnrolment(api, otherCourse);
    await api.request('POST', `/v1/enrolments/${enrolmentId}/mitigating-circumstances`, {
      body: { reason: 'Hospitalised' },
    });
    for (const [componentId, mark] of [
      ['essay', 64],
      ['exam', 66],
    ] as const)
      await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
        token: api.token('tutor'),
        body: { componentId, mark },
      });
    const pending = await api.eventually<any[]>('/v1/boards/cases', (cases) =>
      cases.some((c) => c.enrolmentId === enrolmentId),
    );
    const theirs = pending.find((c) => c.enrolmentId === enrolmentId);

    const mine = await api.request('GET', '/v1/boards/cases', { token: api.token('board', CHAIR) });
    const others = await api.request('GET', '/v1/boards/cases', { token: api.token('board', OTHER_MEMBER) });
    expect(mine.body.map((c: any) => c.enrolmentId)).not.toContain(enrolmentId);
    expect(mine.body.every((c: any) => c.boardName === BOARD)).toBe(true);
    expect(others.body.map((c: any) => c.id)).toEqual([theirs.id]);
    // An examiner reads only the boards that appointed them as external examiner.
    expect((await api.request('GET', '/v1/boards/cases', { token: api.token('examiner', INTERNAL) })).body).toEqual([]);

    await refused(
      () =>
        api.request('POST', `/v1/boards/cases/${theirs.id}/decisions`, {
          token: api.token('board', CHAIR),
          body: { decision: 'confirm', rationale: 'Not my board' },
        }),
      403,
      `${CHAIR} is not a member of Other board: a member decides only their own boards' cases`,
    );
  });
});
