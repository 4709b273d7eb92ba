import { APPEAL_OWN_DECISION_RULE, APPEAL_REVIEWER_INDEPENDENCE_RULE, APPEAL_REVIEWER_ONLY_RULE } from '#domain';
import { boardBody, CHAIR, courseBody, INTERNAL, learnerBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

/** Academic appeals over HTTP: lodged by the learner, reviewed off the board, an upheld one carried out. */
describe('appeals', () => {
  const clock = new TestClock('2026-11-23T09:00:00Z');
  let api: TestApp;
  let courseId: string;
  const OFFICER = 'appeals-officer-1';
  const officer = (id = OFFICER) => api.token('registry', id);
  const board = (memberId: string) => api.token('board', memberId);

  beforeAll(async () => {
    api = await TestApp.start({ clock });
    courseId = (await api.request('POST', '/v1/courses', { body: courseBody({ tutorIds: ['tutor-3'] }) })).body.id;
    await api.request('POST', '/v1/boards', { body: boardBody([courseId]) });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  /** A learner whose clean Merit (65) was confirmed under delegated authority and awarded. */
  const awardedLearner = async (email: string) => {
    const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody({ email }) })).body.id;
    const enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
    ).body.id;
    for (const [componentId, mark] of [
      ['essay', 64],
      ['exam', 66],
    ] as const) {
      await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
        token: api.token('learner', learnerId),
        body: { componentId },
      });
      await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
        token: api.token('tutor', 'tutor-3'),
        body: { componentId, mark },
      });
    }
    const record = await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1);
    return { learnerId, enrolmentId, awardId: record.awards[0].id as string };
  };
  const lodge = (enrolmentId: string, learnerId: string, body: unknown = validAppeal) =>
    api.request('POST', `/v1/enrolments/${enrolmentId}/appeals`, { token: api.token('learner', learnerId), body });
  const validAppeal = { grounds: ['procedural-irregularity'], statement: 'My exam was marked against an old rubric.' };
  const step = (appealId: string, action: string, token = officer(), body?: unknown) =>
    api.request('POST', `/v1/appeals/${appealId}/${action}`, { token, ...(body === undefined ? {} : { body }) });

  it('carries an upheld appeal through: the case reopens to the board, and a changed result revokes and reissues the award', async () => {
    const { learnerId, enrolmentId, awardId } = await awardedLearner('upheld@example.org');
    const lodged = await lodge(enrolmentId, learnerId);
    expect(lodged).toMatchObject({
      status: 201,
      body: { status: 'lodged', grounds: ['procedural-irregularity'], decision: { enrolmentId, result: 'pass' } },
    });
    const appealId = lodged.body.id;
    const own = await api.request('GET', `/v1/appeals/${appealId}`, { token: api.token('learner', learnerId) });
    expect(own).toMatchObject({ status: 200, body: { id: appealId, status: 'lodged' } });

    expect(await step(appealId, 'acknowledgement')).toMatchObject({ status: 200, body: { status: 'acknowledged' } });
    expect(await step(appealId, 'review')).toMatchObject({ status: 200, body: { reviewerId: OFFICER } });
    const upheld = await step(appealId, 'outcome', officer(), {
      upheld: true,
      remedy: 'reopen-case',
      rationale: 'The wrong rubric was applied to the exam.',
    });
    expect(upheld).toMatchObject({ status: 200, body: { status: 'upheld', outcome: { remedy: 'reopen-case' } } });

    // The runner reopens the decision: a case that is never clean, naming the appeal.
    const queue = await api.eventually(
      '/v1/boards/cases?status=pending',
      (cases: any[]) => cases.some((c) => c.enrolmentId === enrolmentId),
      { token: board(CHAIR) },
    );
    const reopened = queue.find((c: any) => c.enrolmentId === enrolmentId);
    expect(reopened.concerns).toContainEqual(expect.stringContaining(`reopened on appeal ${appealId}`));
    for (const memberId of [INTERNAL, CHAIR])
      await api.request('POST', `/v1/boards/cases/${reopened.id}/decisions`, {
        token: board(memberId),
        body: { decision: 'amend', mark: 71, rationale: 'Re-marked against the current rubric' },
      });

    const record = await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 2);
    const old = await api.request('GET', `/v1/awards/${awardId}`, { token: api.token('learner', learnerId) });
    expect(old.body.revoked.reason).toMatch(
      new RegExp(
        `^appeal ${appealId} upheld: the result changed from Merit \\(65\\) to Distinction \\(71\\); reissued as award `,
      ),
    );
    const reissued = record.awards.find((a: any) => a.id !== awardId);
    const fresh = await api.request('GET', `/v1/awards/${reissued.id}`, { token: api.token('learner', learnerId) });
    expect(fresh.body).toMatchObject({ result: { weightedMark: 71, grade: 'Distinction' }, revoked: null });
  });

  it('refuses an appeal outside the window, a second appeal, and one on another learner’s decision', async () => {
    const { learnerId, enrolmentId } = await awardedLearner('window@example.org');
    const other = (await api.request('POST', '/v1/learners', { body: learnerBody({ email: 'other@example.org' }) }))
      .body.id;
    const foreign = await lodge(enrolmentId, other);
    expect(foreign).toMatchObject({ status: 403 });
    expect(JSON.stringify(foreign.body)).toContain(APPEAL_OWN_DECISION_RULE);

    clock.set('2026-12-22T09:00:00Z');
    try {
      const late = await lodge(enrolmentId, learnerId);
      expect(late.status).toBe(409);
      expect(JSON.stringify(late.body)).toContain('the appeal window closed on 2026-12-21');
    } finally {
      clock.set('2026-11-23T09:00:00Z');
    }
    expect((await lodge(enrolmentId, learnerId)).status).toBe(201);
    expect((await lodge(enrolmentId, learnerId)).status).toBe(409);
  });

  it('refuses grounds outside the fixed list (400 naming the field) and an enrolment with no decision (409)', async () => {
    const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody({ email: 'early@example.org' }) }))
      .body.id;
    const enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
    ).body.id;
    const badGrounds = await lodge(enrolmentId, learnerId, { ...validAppeal, grounds: ['I deserve more'] });
    expect(badGrounds.status).toBe(400);
    expect(JSON.stringify(badGrounds.body)).toContain('grounds');
    const undecided = await lodge(enrolmentId, learnerId);
    expect(undecided.status).toBe(409);
    expect(JSON.stringify(undecided.body)).toContain('no confirmed board decision');
  });

  it('refuses a reviewer who sat on the deciding board, a decision by anyone but the reviewer, and steps out of order', async () => {
    const { learnerId, enrolmentId } = await awardedLearner('review@example.org');
    const appealId = (await lodge(enrolmentId, learnerId)).body.id;
    expect((await step(appealId, 'review')).status).toBe(409);
    await step(appealId, 'acknowledgement');
    const onBoard = await step(appealId, 'review', officer(CHAIR));
    expect(onBoard.status).toBe(403);
    expect(JSON.stringify(onBoard.body)).toContain(APPEAL_REVIEWER_INDEPENDENCE_RULE);
    await step(appealId, 'review');
    const notReviewer = await step(appealId, 'outcome', officer('registry-2'), { upheld: false, rationale: 'No.' });
    expect(notReviewer.status).toBe(403);
    expect(JSON.stringify(notReviewer.body)).toContain(APPEAL_REVIEWER_ONLY_RULE);
    const noRemedy = await step(appealId, 'outcome', officer(), { upheld: true, rationale: 'Yes.' });
    expect(noRemedy.status).toBe(400);
    expect(JSON.stringify(noRemedy.body)).toContain('remedy');
    const notUpheld = await step(appealId, 'outcome', officer(), {
      upheld: false,
      rationale: 'The rubric was current.',
    });
    expect(notUpheld).toMatchObject({ status: 200, body: { status: 'not-upheld' } });
    const otherLearner = await api.request('GET', `/v1/appeals/${appealId}`, { token: api.token('learner', 'lrn-x') });
    expect(otherLearner.status).toBe(403);
  });

  it('lists the registry’s queue by learner name (open appeals, or one status) and a learner’s own appeals with the window', async () => {
    const { learnerId, enrolmentId } = await awardedLearner('queue@example.org');
    const appealId = (await lodge(enrolmentId, learnerId)).body.id;
    const open = await api.eventually('/v1/appeals', (items: any[]) => items.some((a) => a.id === appealId));
    expect(open.find((a: any) => a.id === appealId)).toMatchObject({
      status: 'lodged',
      learnerName: 'Amira Okafor',
      course: { code: expect.any(String), title: expect.any(String) },
      decision: { enrolmentId, learnerId },
    });
    expect(open.every((a: any) => ['lodged', 'acknowledged', 'under-review'].includes(a.status))).toBe(true);

    await step(appealId, 'acknowledgement');
    const acknowledged = await api.eventually('/v1/appeals?status=acknowledged', (items: any[]) =>
      items.some((a) => a.id === appealId),
    );
    expect(acknowledged.every((a: any) => a.status === 'acknowledged')).toBe(true);
    const lodgedOnly = await api.request('GET', '/v1/appeals?status=lodged');
    expect(lodgedOnly.body.some((a: any) => a.id === appealId)).toBe(false);

    const badStatus = await api.request('GET', '/v1/appeals?status=open');
    expect(badStatus.status).toBe(400);
    expect(JSON.stringify(badStatus.body)).toContain('status');

    const own = await api.request('GET', `/v1/learners/${learnerId}/appeals`, {
      token: api.token('learner', learnerId),
    });
    expect(own).toMatchObject({
      status: 200,
      body: { windowDays: 28, today: '2026-11-23', appeals: [{ id: appealId, status: 'acknowledged' }] },
    });
    const foreign = await api.request('GET', `/v1/learners/${learnerId}/appeals`, {
      token: api.token('learner', 'lrn-x'),
    });
    expect(foreign.status).toBe(403);
  });
});
