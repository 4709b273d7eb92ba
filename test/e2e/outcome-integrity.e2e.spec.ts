import { boardBody, CHAIR, courseBody, INTERNAL, learnerBody } from '../support/fixtures.js';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor } from '../support/postgres.js';
import { TestApp, TestClock } from '../support/test-app.js';

/**
 * Issue 15 over HTTP: a change to an enrolment after its case opened supersedes the case in the
 * minutes, the board can only decide the case showing the current outcome, and the runner keeps
 * confirming everyone else's outcomes meanwhile.
 */
const outcomeIntegrity = (store: string, env: () => Record<string, string>) =>
  describe(`outcome integrity over HTTP (${store})`, () => {
    const clock = new TestClock('2026-11-23T09:00:00Z');
    const TUTORS = ['tutor-amends', 'tutor-others'];
    let api: TestApp;
    let courseId: string;
    let boardId: string;

    beforeAll(async () => {
      api = await TestApp.start({ clock, env: env() });
      courseId = (await api.request('POST', '/v1/courses', { body: courseBody({ tutorIds: TUTORS }) })).body.id;
      boardId = (await api.request('POST', '/v1/boards', { body: boardBody([courseId]) })).body.id;
    });
    afterAll(async () => {
      await api?.destroy();
    });

    const enrol = async () => {
      const email = `${Math.random().toString(36).slice(2)}@example.org`;
      const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody({ email }) })).body.id;
      const enrolmentId = (
        await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
      ).body.id;
      for (const componentId of ['essay', 'exam'])
        await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, { body: { componentId } });
      return { learnerId, enrolmentId };
    };
    const mark = (tutor: string, enrolmentId: string, componentId: string, value: number) =>
      api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
        token: api.token('tutor', tutor),
        body: { componentId, mark: value },
      });
    const amend = (enrolmentId: string, componentId: string, value: number) =>
      api.request('POST', `/v1/enrolments/${enrolmentId}/mark-amendments`, {
        token: api.token('tutor', TUTORS[0]),
        body: { componentId, mark: value, reason: 'Second script found' },
      });
    const claimMitigation = (learnerId: string, enrolmentId: string) =>
      api.request('POST', `/v1/enrolments/${enrolmentId}/mitigating-circumstances`, {
        token: api.token('learner', learnerId),
        body: { reason: 'Hospitalised during the examination week' },
      });
    const vote = (caseId: string, memberId: string, rationale: string) =>
      api.request('POST', `/v1/boards/cases/${caseId}/decisions`, {
        token: api.token('board', memberId),
        body: { decision: 'confirm', rationale },
      });
    const queued = (enrolmentId: string, weightedMark: number) =>
      api
        .eventually(
          '/v1/boards/cases?status=pending',
          (cases: any[]) => cases.some((c) => c.enrolmentId === enrolmentId && c.outcome.weightedMark === weightedMark),
          { token: api.token('board', CHAIR) },
        )
        .then((cases: any[]) =>
          cases.find((c) => c.enrolmentId === enrolmentId && c.outcome.weightedMark === weightedMark),
        );
    const minutes = async (enrolmentId: string) => {
      const events: { type: string; data: any }[] = [];
      for await (const e of api.store.readAll(0, { streamPrefixes: [`board-${boardId}`] }))
        if ((e.data as { enrolmentId?: string }).enrolmentId === enrolmentId)
          events.push({ type: e.type, data: e.data });
      return events;
    };
    /** Another learner's clean final mark is confirmed and awarded within a second. */
    const othersStillAwardedWithin1s = async () => {
      const other = await enrol();
      await mark(TUTORS[1]!, other.enrolmentId, 'essay', 64);
      expect((await mark(TUTORS[1]!, other.enrolmentId, 'exam', 66)).status).toBe(201);
      await api.eventually(`/v1/learners/${other.learnerId}/record`, (r: any) => r.awards.length === 1, {
        timeoutMs: 1000,
      });
    };

    it('a case opened at 80 and amended to 89: the old case is minuted as superseded, a vote on it is refused naming the newer case, and the board confirms 89', async () => {
      const { learnerId, enrolmentId } = await enrol();
      expect((await claimMitigation(learnerId, enrolmentId)).status).toBe(201);
      await mark(TUTORS[0]!, enrolmentId, 'essay', 80);
      await mark(TUTORS[0]!, enrolmentId, 'exam', 80);
      const shown80 = await queued(enrolmentId, 80);

      expect((await amend(enrolmentId, 'essay', 95)).status).toBe(201); // 0.6 × 95 + 0.4 × 80 = 89
      const shown89 = await queued(enrolmentId, 89);
      const refused = await vote(shown80.id, INTERNAL, 'confirm 80');
      expect(refused).toMatchObject({ status: 409, body: { error: 'Conflict' } });
      expect(refused.body.message.join(' ')).toContain(`case ${shown80.id} was superseded by case ${shown89.id}`);

      const superseded = await api.request('GET', '/v1/boards/cases?status=superseded', {
        token: api.token('board', CHAIR),
      });
      expect(superseded.body.find((c: any) => c.id === shown80.id)).toMatchObject({
        status: 'superseded',
        supersession: { supersededBy: shown89.id, reason: expect.stringContaining('amended from 80 to 95') },
      });
      expect((await minutes(enrolmentId)).map((e) => e.type)).toEqual(['CaseOpened', 'CaseSuperseded', 'CaseOpened']);

      await othersStillAwardedWithin1s();
      await vote(shown89.id, INTERNAL, 'confirm 89');
      expect((await vote(shown89.id, CHAIR, 'confirm 89')).status).toBe(201);
      const confirmed = await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) => e.status === 'confirmed');
      expect(confirmed.confirmation).toMatchObject({ caseId: shown89.id, weightedMark: 89, rationale: 'confirm 89' });
      const record = await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1);
      expect(record.awards[0].result).toMatchObject({ weightedMark: 89 });
    });

    it('a final mark amended a moment later: the runner carries on, and the outcome confirmed is the one its case showed', async () => {
      const { learnerId, enrolmentId } = await enrol();
      await mark(TUTORS[0]!, enrolmentId, 'essay', 64);
      expect((await mark(TUTORS[0]!, enrolmentId, 'exam', 66)).status).toBe(201);
      // The clean case may already be confirmed (then the amendment is refused) or not (then it supersedes it).
      const amended = await amend(enrolmentId, 'exam', 90); // 0.6 × 64 + 0.4 × 90 = 74.4: clean too
      expect([201, 409]).toContain(amended.status);

      await othersStillAwardedWithin1s();
      const confirmed = await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) => e.status === 'confirmed');
      const held = await minutes(enrolmentId);
      const deciding = held.find((e) => e.type === 'CaseOpened' && e.data.caseId === confirmed.confirmation.caseId);
      expect(confirmed.confirmation.weightedMark).toBe(deciding!.data.outcome.weightedMark);
      expect(confirmed.confirmation.weightedMark).toBe(amended.status === 201 ? 74 : 65);
      if (amended.status === 201)
        expect(held.map((e) => e.type)).toEqual(
          held.some((e) => e.type === 'CaseDecided' && e.data.caseId !== deciding!.data.caseId)
            ? ['CaseOpened', 'CaseDecided', 'CaseSuperseded', 'CaseOpened', 'CaseDecided']
            : ['CaseOpened', 'CaseSuperseded', 'CaseOpened', 'CaseDecided'],
        );
      await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1);
    });

    it('a final mark amended while its case waits: the case is superseded and the current outcome queued', async () => {
      const { learnerId, enrolmentId } = await enrol();
      await claimMitigation(learnerId, enrolmentId);
      await mark(TUTORS[0]!, enrolmentId, 'essay', 64);
      await mark(TUTORS[0]!, enrolmentId, 'exam', 66);
      const first = await queued(enrolmentId, 65);
      expect((await amend(enrolmentId, 'exam', 76)).status).toBe(201);
      await othersStillAwardedWithin1s();
      const current = await queued(enrolmentId, 69);
      const pending = await api.request('GET', '/v1/boards/cases?status=pending', { token: api.token('board', CHAIR) });
      expect(pending.body.filter((c: any) => c.enrolmentId === enrolmentId).map((c: any) => c.id)).toEqual([
        current.id,
      ]);
      expect((await minutes(enrolmentId)).find((e) => e.type === 'CaseSuperseded')?.data).toMatchObject({
        caseId: first.id,
        supersededBy: current.id,
      });
    });
  });

outcomeIntegrity('embedded SQLite', () => ({}));

if (postgresAvailableFor('outcome integrity over HTTP on PostgreSQL')) {
  const schema = freshSchema('credence_e2e');
  outcomeIntegrity('PostgreSQL', () => ({ EVENT_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: schema }));
  afterAll(async () => {
    await dropSchema(schema);
  });
}
