import { boardBody, CHAIR, courseBody, EXTERNAL, INTERNAL, learnerBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

/** Continuous micro-boards over HTTP: from final mark to confirmed outcome and award. */
describe('micro-boards', () => {
  const clock = new TestClock('2026-11-23T09:00:00Z');
  let api: TestApp;
  let courseId: string;
  let boardId: string;
  const tutor = () => api.token('tutor', 'tutor-3');

  beforeAll(async () => {
    api = await TestApp.start({ clock });
    courseId = (await api.request('POST', '/v1/courses', { body: courseBody({ tutorIds: ['tutor-3'] }) })).body.id;
    const board = await api.request('POST', '/v1/boards', { body: boardBody([courseId]) });
    expect(board).toMatchObject({ status: 201, body: { delegatedAuthority: true, boundaryMargin: 3 } });
    boardId = board.body.id;
  });
  afterAll(async () => {
    await api?.destroy();
  });

  const enrolAndSubmit = async (email: string, course = courseId, name: Record<string, string> = {}) => {
    const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody({ email, ...name }) })).body.id;
    const enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId: course, startDate: '2026-11-23' } })
    ).body.id;
    for (const componentId of ['essay', 'exam'])
      await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
        token: api.token('learner', learnerId),
        body: { componentId },
      });
    return { learnerId, enrolmentId };
  };
  const mark = (enrolmentId: string, componentId: string, value: number) =>
    api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, { token: tutor(), body: { componentId, mark: value } });
  const board = (memberId: string) => api.token('board', memberId);

  it('confirms a clean case under delegated authority and issues the award with the full information set', async () => {
    const { learnerId, enrolmentId } = await enrolAndSubmit('clean@example.org');
    await mark(enrolmentId, 'essay', 64);
    const finalMark = await mark(enrolmentId, 'exam', 66);
    expect(finalMark.status).toBe(201);
    const record = await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1, {
      timeoutMs: 1000,
    });
    const award = (
      await api.request('GET', `/v1/awards/${record.awards[0].id}`, { token: api.token('learner', learnerId) })
    ).body;
    expect(award).toMatchObject({
      status: 'issued',
      learnerId,
      learnerName: 'Amira Okafor',
      title: 'Data Ethics in Practice',
      awardingBody: 'University of Northshire',
      issuedOn: '2026-11-23',
      credits: { cats: 15, ects: 7.5 },
      level: { framework: 'FHEQ', level: 7 },
      modeOfLearning: 'online',
      result: { weightedMark: 65, grade: 'Merit' },
      cahCode: 'CAH11-01-01',
      hecosCodes: ['100366'],
      issuerCountry: 'GB',
      formOfParticipation: 'Online',
      startDate: '2026-11-23',
      boardId,
    });
    expect(award.learningOutcomes).toHaveLength(2);
    expect(award.aims).toMatch(/ethical/);
    const minutes = [];
    for await (const e of api.store.readAll(0, { streamPrefixes: [`board-${boardId}`] }))
      if ((e.data as { enrolmentId?: string }).enrolmentId === enrolmentId) minutes.push(e);
    expect(minutes.map((e) => e.type)).toEqual(['CaseOpened', 'CaseDecided']);
    expect(minutes[1]!.data).toMatchObject({
      decision: 'confirm',
      delegated: true,
      decidedBy: ['delegated-authority'],
    });
  });

  it('queues a case with mitigating circumstances until the chair and a member confirm it', async () => {
    const { learnerId, enrolmentId } = await enrolAndSubmit('queued@example.org');
    const claim = await api.request('POST', `/v1/enrolments/${enrolmentId}/mitigating-circumstances`, {
      token: api.token('learner', learnerId),
      body: { reason: 'Hospitalised during the examination week' },
    });
    expect(claim.status).toBe(201);
    await mark(enrolmentId, 'essay', 64);
    await mark(enrolmentId, 'exam', 66);

    const queue = await api.eventually(
      '/v1/boards/cases?status=pending',
      (cases: any[]) => cases.some((c) => c.enrolmentId === enrolmentId),
      {
        token: board(CHAIR),
      },
    );
    const pending = queue.find((c: any) => c.enrolmentId === enrolmentId);
    expect(pending).toMatchObject({
      learnerId,
      boardId,
      boardName: 'Digital Skills Micro-board',
      concerns: ['mitigating circumstances claimed'],
    });
    expect(pending.waitingSeconds).toBeGreaterThanOrEqual(0);

    const first = await api.request('POST', `/v1/boards/cases/${pending.id}/decisions`, {
      token: board(INTERNAL),
      body: { decision: 'confirm', rationale: 'Marks unaffected by the mitigation period' },
    });
    expect(first).toMatchObject({ status: 201, body: { status: 'pending' } });
    const outsider = await api.request('POST', `/v1/boards/cases/${pending.id}/decisions`, {
      token: board('someone-else'),
      body: { decision: 'confirm', rationale: 'x' },
    });
    // Issue 15: a member of no board covering the case decides nothing there (403, naming the rule).
    expect(outsider.status).toBe(403);
    const second = await api.request('POST', `/v1/boards/cases/${pending.id}/decisions`, {
      token: board(CHAIR),
      body: { decision: 'confirm', rationale: 'Confirmed: mitigation noted, no adjustment needed' },
    });
    expect(second).toMatchObject({
      status: 201,
      body: { status: 'decided', decision: { decision: 'confirm', delegated: false } },
    });

    const confirmed = await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) => e.status === 'confirmed');
    expect(confirmed.confirmation).toMatchObject({
      delegated: false,
      rationale: 'Confirmed: mitigation noted, no adjustment needed',
    });
    await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1);
    const decided = await api.request('GET', '/v1/boards/cases?status=decided', { token: board(CHAIR) });
    expect(decided.body.find((c: any) => c.id === pending.id).decision.decidedBy.sort()).toEqual(
      [CHAIR, INTERNAL].sort(),
    );
  });

  it('holds a failed mark for moderation, and an adjusted moderated mark decides the outcome', async () => {
    const { learnerId, enrolmentId } = await enrolAndSubmit('moderated@example.org');
    await mark(enrolmentId, 'essay', 45);
    await mark(enrolmentId, 'exam', 66);
    const held = await api.eventually(
      `/v1/enrolments/${enrolmentId}`,
      (e: any) => e.components[0].attempts[0].classification === 'sampled',
    );
    expect(held.components[0].attempts[0]).toMatchObject({ samplingReason: 'fail' });
    expect(held.status).toBe('active');

    const moderated = await api.request('POST', `/v1/enrolments/${enrolmentId}/moderations`, {
      token: api.token('examiner', EXTERNAL),
      body: {
        componentId: 'essay',
        decision: 'adjusted',
        mark: 55,
        reason: 'First marker under-credited the analysis',
      },
    });
    expect(moderated.status).toBe(201);
    // 0.6 * 55 + 0.4 * 66 = 59.4 -> 59: within 3 of Merit, so the case waits for the board.
    const queue = await api.eventually(
      '/v1/boards/cases',
      (cases: any[]) => cases.some((c) => c.enrolmentId === enrolmentId),
      { token: board(CHAIR) },
    );
    const pending = queue.find((c: any) => c.enrolmentId === enrolmentId);
    expect(pending.concerns).toEqual([expect.stringMatching(/^weighted mark 59 is within 3/)]);

    for (const memberId of [EXTERNAL, CHAIR])
      await api.request('POST', `/v1/boards/cases/${pending.id}/decisions`, {
        token: board(memberId),
        body: { decision: 'amend', mark: 60, rationale: 'Board exercises discretion at the Merit boundary' },
      });
    const confirmed = await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) => e.status === 'confirmed');
    expect(confirmed.confirmation).toMatchObject({ amended: true, weightedMark: 60, grade: 'Merit', result: 'pass' });
    const record = await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1);
    expect(record.awards[0].result).toEqual({ weightedMark: 60, grade: 'Merit' });
  });

  it('a referral opens one new attempt: a third is refused while the resubmission is held for moderation', async () => {
    const { learnerId, enrolmentId } = await enrolAndSubmit('referred@example.org');
    const learner = api.token('learner', learnerId);
    const resubmit = () =>
      api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
        token: learner,
        body: { componentId: 'essay' },
      });
    /** The moderator agrees every mark held for moderation (the exam's may be a systematic sample). */
    const agreeHeldMarks = async (attempt: number) => {
      const held = await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) =>
        e.components.every((c: any) => c.attempts.at(-1).classification !== 'pending'),
      );
      expect(held.components[0].attempts[attempt - 1]).toMatchObject({
        classification: 'sampled',
        samplingReason: 'fail',
      });
      for (const component of held.components.filter((c: any) => c.attempts.at(-1).classification === 'sampled'))
        await api.request('POST', `/v1/enrolments/${enrolmentId}/moderations`, {
          token: api.token('examiner', EXTERNAL),
          body: { componentId: component.id, decision: 'agreed', reason: 'Marking confirmed' },
        });
    };
    await mark(enrolmentId, 'essay', 42);
    await mark(enrolmentId, 'exam', 66);
    await agreeHeldMarks(1);
    await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) => e.outcome?.result === 'referral');
    expect((await resubmit()).status).toBe(201);

    expect((await mark(enrolmentId, 'essay', 45)).status).toBe(201);
    await api.eventually(
      `/v1/enrolments/${enrolmentId}`,
      (e: any) => e.components[0].attempts[1].classification === 'sampled',
    );
    const third = await resubmit();
    expect(third).toMatchObject({ status: 409, body: { error: 'Conflict' } });
    expect(third.body.message.join(' ')).toContain('essay is not open for another attempt');

    await agreeHeldMarks(2);
    // 0.6 × 45 + 0.4 × 66 = 53.4, but the essay failed on its last permitted attempt.
    const failed = await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) => e.outcome?.result === 'fail');
    expect(failed.components[0].attempts.map((a: any) => a.mark)).toEqual([42, 45]);
    expect((await resubmit()).status).toBe(409);
  });

  it('revokes an award with a reason; the record no longer counts its credit', async () => {
    const { learnerId, enrolmentId } = await enrolAndSubmit('revoked@example.org');
    await mark(enrolmentId, 'essay', 64);
    await mark(enrolmentId, 'exam', 66);
    const record = await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1);
    const awardId = record.awards[0].id;
    const refused = await api.request('POST', `/v1/awards/${awardId}/revocation`, {
      token: tutor(),
      body: { reason: 'x' },
    });
    expect(refused.status).toBe(403);
    const revoked = await api.request('POST', `/v1/awards/${awardId}/revocation`, {
      body: { reason: 'Academic misconduct found after award' },
    });
    expect(revoked).toMatchObject({
      status: 200,
      body: { status: 'revoked', revoked: { reason: 'Academic misconduct found after award' } },
    });
    const after = await api.request('GET', `/v1/learners/${learnerId}/record`);
    expect(after.body.credits).toEqual({ cats: 0, ects: 0 });
    expect(after.body.awards[0].status).toBe('revoked');
    const again = await api.request('POST', `/v1/awards/${awardId}/revocation`, { body: { reason: 'again' } });
    expect(again.status).toBe(409);
  });

  it('filters the queue by board and by course, naming learners and voting members to the staff', async () => {
    /** A course with its own tutor (whose first marks no rolling sample holds) and its own board. */
    const courseWithBoard = async (title: string, tutorId: string) => {
      const course = (await api.request('POST', '/v1/courses', { body: courseBody({ title, tutorIds: [tutorId] }) }))
        .body.id;
      const board = (await api.request('POST', '/v1/boards', { body: boardBody([course], { name: `${title} board` }) }))
        .body.id;
      return { course, board, tutorId };
    };
    const ethics = await courseWithBoard('Data Ethics', 'tutor-ethics');
    const statistics = await courseWithBoard('Applied Statistics', 'tutor-statistics');
    /** A case held for the board: mitigating circumstances were claimed before the marks. */
    const heldCase = async (
      email: string,
      { course, tutorId }: { course: string; tutorId: string },
      name: Record<string, string>,
    ) => {
      const { learnerId, enrolmentId } = await enrolAndSubmit(email, course, name);
      await api.request('POST', `/v1/enrolments/${enrolmentId}/mitigating-circumstances`, {
        token: api.token('learner', learnerId),
        body: { reason: 'Bereavement during the assessment period' },
      });
      for (const [componentId, value] of [
        ['essay', 64],
        ['exam', 66],
      ] as const)
        await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
          token: api.token('tutor', tutorId),
          body: { componentId, mark: value },
        });
      const queue = await api.eventually('/v1/boards/cases', (cases: any[]) =>
        cases.some((c) => c.enrolmentId === enrolmentId),
      );
      return queue.find((c: any) => c.enrolmentId === enrolmentId).id as string;
    };
    const ethicsCase = await heldCase('nia.barros@example.org', ethics, { givenName: 'Nia', familyName: 'Barros' });
    const statisticsCase = await heldCase('tomas.reyes@example.org', statistics, {
      givenName: 'Tomás',
      familyName: 'Reyes',
    });
    await api.request('POST', `/v1/boards/cases/${statisticsCase}/decisions`, {
      token: board(INTERNAL),
      body: { decision: 'confirm', rationale: 'Evidence seen' },
    });
    const ids = async (query: string, token?: string) =>
      ((await api.request('GET', `/v1/boards/cases?${query}`, token ? { token } : {})).body as any[]).map((c) => c.id);

    expect(await ids(`boardId=${statistics.board}`)).toEqual([statisticsCase]);
    expect(await ids(`courseId=${statistics.course}`)).toEqual([statisticsCase]);
    expect(await ids(`courseId=${ethics.course}`)).toEqual([ethicsCase]);
    expect(await ids(`boardId=${ethics.board}&courseId=${statistics.course}`)).toEqual([]);
    expect((await ids('')).length).toBeGreaterThanOrEqual(2);
    // A member's queue filters within the boards they sit on.
    expect(await ids(`status=pending&boardId=${statistics.board}`, board(CHAIR))).toEqual([statisticsCase]);
    expect(await ids(`boardId=${statistics.board}`, board('someone-else'))).toEqual([]);

    const [shown] = (await api.request('GET', `/v1/boards/cases?boardId=${statistics.board}`)).body;
    expect(shown).toMatchObject({
      learnerName: 'Tomás Reyes',
      boardName: 'Applied Statistics board',
      votes: [{ memberId: INTERNAL, memberName: 'Dr Owen Lewis', decision: 'confirm' }],
    });
    const bad = await api.request('GET', '/v1/boards/cases?boardId=not-a-board');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('boardId must be a UUID');
  });
});
