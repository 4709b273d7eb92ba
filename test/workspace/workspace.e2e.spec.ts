import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadModelStore, WORKSPACE_COLLECTIONS } from '#projections';
import { WORKSPACE_CHECKPOINT } from '#runtime';
import { coveredCourse } from '../support/courses.js';
import { boardBody, CHAIR, courseBody, EXTERNAL, learnerBody } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';

/** Reads a server-sent-events stream until `enough` says so (or the time runs out). */
const listen = async (
  api: TestApp,
  token: string,
  enough: (events: { event: string; data: any }[]) => boolean,
  timeoutMs = 5000,
): Promise<{ event: string; data: any }[]> => {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const events: { event: string; data: any }[] = [];
  try {
    const response = await fetch(`${api.baseUrl}/v1/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    while (!enough(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return events;
};

describe('the web app read side over HTTP', () => {
  let api: TestApp;
  const tutorA = () => api.token('tutor', 'tutor-a');
  const tutorB = () => api.token('tutor', 'tutor-b');
  let courseA: string;
  let courseB: string;

  const enrol = async (courseId: string, name: { givenName: string; familyName: string }) => {
    const learnerId = (
      await api.request('POST', '/v1/learners', {
        body: learnerBody({ ...name, email: `${name.familyName}@example.org`.toLowerCase() }),
      })
    ).body.id;
    const today = new Date().toISOString().slice(0, 10);
    const enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: today } })
    ).body.id;
    return { learnerId, enrolmentId };
  };
  const submit = (enrolmentId: string, componentId: string) =>
    api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, { body: { componentId } });
  const mark = (enrolmentId: string, componentId: string, value: number, token = tutorA()) =>
    api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, { token, body: { componentId, mark: value } });

  beforeAll(async () => {
    api = await TestApp.start({ webRoot: false });
    courseA = (
      await api.request('POST', '/v1/courses', {
        body: courseBody({ code: 'WSA101', title: 'Course A', tutorIds: ['tutor-a'] }),
      })
    ).body.id;
    courseB = (
      await api.request('POST', '/v1/courses', {
        body: courseBody({ code: 'WSB101', title: 'Course B', tutorIds: ['tutor-b'] }),
      })
    ).body.id;
    await api.request('POST', '/v1/boards', { body: boardBody([courseA, courseB]) });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it("shows a tutor only their courses' submissions, oldest first, and drops each once marked", async () => {
    const first = await enrol(courseA, { givenName: 'Ada', familyName: 'First' });
    const other = await enrol(courseB, { givenName: 'Bo', familyName: 'Other' });
    const second = await enrol(courseA, { givenName: 'Cy', familyName: 'Second' });
    // A minute apart, in this order.
    const start = api.clock.now().getTime();
    const submissions: [string, string][] = [
      [first.enrolmentId, 'exam'],
      [other.enrolmentId, 'essay'],
      [second.enrolmentId, 'essay'],
      [first.enrolmentId, 'essay'],
    ];
    for (const [i, [enrolmentId, componentId]] of submissions.entries()) {
      api.clock.set(new Date(start + (i + 1) * 60_000).toISOString());
      await submit(enrolmentId, componentId);
    }

    const queueOf = async (token: string, query = '') =>
      (await api.request('GET', `/v1/marking/queue${query}`, { token })).body.map(
        (i: any) =>
          `${i.course.code} ${i.enrolmentId === first.enrolmentId ? 'first' : i.enrolmentId === second.enrolmentId ? 'second' : 'other'} ${i.componentId}`,
      );
    expect(await queueOf(tutorA())).toEqual(['WSA101 first exam', 'WSA101 second essay', 'WSA101 first essay']);
    expect(await queueOf(tutorB())).toEqual(['WSB101 other essay']);
    expect(await queueOf(api.token('registry'))).toEqual([
      'WSA101 first exam',
      'WSB101 other essay',
      'WSA101 second essay',
      'WSA101 first essay',
    ]);
    expect(await queueOf(api.token('registry'), `?courseId=${courseB}`)).toEqual(['WSB101 other essay']);
    // A tutor asking for another's course gets nothing from it.
    expect(await queueOf(tutorA(), `?courseId=${courseB}`)).toEqual([]);

    const [item] = (await api.request('GET', '/v1/marking/queue', { token: tutorA() })).body;
    expect(item).toMatchObject({
      componentTitle: 'Online examination',
      attempt: 1,
      status: 'awaiting-mark',
      enrolmentStatus: 'active',
    });
    expect(item).not.toHaveProperty('learnerId');

    expect((await mark(first.enrolmentId, 'exam', 66)).status).toBe(201);
    expect(await queueOf(tutorA())).toEqual(['WSA101 second essay', 'WSA101 first essay']);
  });

  it('puts a failing mark in the moderation queue and shows the marker what moderation decided', async () => {
    const { enrolmentId } = await enrol(courseA, { givenName: 'Di', familyName: 'Moderated' });
    await submit(enrolmentId, 'essay');
    await mark(enrolmentId, 'essay', 41);
    const queue = await api.eventually(
      '/v1/marking/moderation-queue',
      (items: any[]) => items.some((i) => i.enrolmentId === enrolmentId),
      {
        token: api.token('examiner', EXTERNAL),
      },
    );
    expect(queue.find((i: any) => i.enrolmentId === enrolmentId)).toMatchObject({
      componentId: 'essay',
      mark: 41,
      samplingReason: 'fail',
      markerId: 'tutor-a',
    });

    let results = (await api.request('GET', '/v1/marking/moderation-results', { token: tutorA() })).body;
    expect(results.items.find((i: any) => i.enrolmentId === enrolmentId)).toMatchObject({
      status: 'sampled',
      moderation: null,
    });

    const moderated = await api.request('POST', `/v1/enrolments/${enrolmentId}/moderations`, {
      token: api.token('examiner', EXTERNAL),
      body: { componentId: 'essay', decision: 'adjusted', mark: 45, reason: 'Second marking' },
    });
    expect(moderated.status).toBe(201);
    results = await api.eventually('/v1/marking/moderation-results', (r: any) => r.summary.adjusted === 1, {
      token: tutorA(),
    });
    expect(results.items.find((i: any) => i.enrolmentId === enrolmentId)).toMatchObject({
      status: 'moderated',
      mark: 45,
      markersMark: 41,
      moderation: { decision: 'adjusted', originalMark: 41, moderatorId: EXTERNAL },
    });
    expect((await api.request('GET', '/v1/marking/moderation-results', { token: tutorB() })).body.summary).toEqual({
      marked: 0,
      sampled: 0,
      awaitingModerator: 0,
      agreed: 0,
      adjusted: 0,
    });
    const remaining = (await api.request('GET', '/v1/marking/moderation-queue', { token: api.token('board', CHAIR) }))
      .body;
    expect(remaining.some((i: any) => i.enrolmentId === enrolmentId)).toBe(false);
  });

  it("reports a course's monitoring figures once an outcome is confirmed", async () => {
    const { learnerId, enrolmentId } = await enrol(courseB, { givenName: 'Ed', familyName: 'Monitored' });
    for (const [componentId, value] of [
      ['essay', 64],
      ['exam', 66],
    ] as const) {
      await submit(enrolmentId, componentId);
      await mark(enrolmentId, componentId, value, tutorB());
    }
    const record = await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1);
    const figures = (await api.request('GET', `/v1/courses/${courseB}/monitoring`)).body;
    expect(figures.course).toMatchObject({ id: courseB, code: 'WSB101' });
    expect(figures).toMatchObject({
      enrolments: 2,
      completions: 1,
      passes: 1,
      passRate: 1,
      grades: { Distinction: 0, Merit: 1, Pass: 0, Fail: 0 },
    });
    expect(figures.finalMarkToConfirmation).toMatchObject({ confirmed: 1, delegated: 1, byQuorum: 0 });
    expect(figures.finalMarkToConfirmation.medianSeconds).toBeLessThan(5);
    expect(figures.moderation).toMatchObject({ marks: 2, sampled: 0, coverage: 0 });
    expect(figures.revocations).toEqual({ awards: 0, completions: 0 });
    expect((await api.request('GET', `/v1/courses/${'0b6f9a52-3c1d-4e8f-9a7b-5d2c1e0f4a93'}/monitoring`)).status).toBe(
      404,
    );

    // Revoked after it was counted: no longer a completion or a pass, and shown as a revocation.
    const awardId = record.awards[0].id;
    const revoked = await api.request('POST', `/v1/awards/${awardId}/revocation`, { body: { reason: 'Misconduct' } });
    expect(revoked.status).toBe(200);
    await api.eventually(`/v1/awards/${awardId}`, (a: any) => a.status === 'revoked');
    const after = (await api.request('GET', `/v1/courses/${courseB}/monitoring`)).body;
    expect(after).toMatchObject({
      completions: 0,
      passes: 0,
      passRate: null,
      grades: { Distinction: 0, Merit: 0, Pass: 0, Fail: 0 },
      revocations: { awards: 1, completions: 1 },
    });
  });

  it('lists the catalogue by code and finds learners by any part of their name or email', async () => {
    const codes = (await api.request('GET', '/v1/courses', { token: tutorA() })).body.map((c: any) => c.code);
    expect(codes).toEqual(['WSA101', 'WSB101']);
    const found = (await api.request('GET', '/v1/learners?search=moni')).body;
    expect(found.map((l: any) => `${l.givenName} ${l.familyName}`)).toEqual(['Ed Monitored']);
    expect(
      (await api.request('GET', '/v1/learners?search=first%40example')).body.map((l: any) => l.familyName),
    ).toEqual(['First']);
    expect((await api.request('GET', '/v1/learners?search=nobody-by-this-name')).body).toEqual([]);
    const everyone = (await api.request('GET', '/v1/learners')).body.map((l: any) => l.familyName);
    expect(everyone).toEqual([...everyone].sort((a: string, b: string) => a.localeCompare(b)));
    expect((await api.request('GET', `/v1/learners?search=${'x'.repeat(101)}`)).status).toBe(400);
  });

  it("tells a learner's timeline in log order, naming the actor to staff only", async () => {
    const { learnerId, enrolmentId } = await enrol(courseA, { givenName: 'Fi', familyName: 'Timeline' });
    await submit(enrolmentId, 'essay');
    await mark(enrolmentId, 'essay', 65);
    const staff = await api.eventually(`/v1/learners/${learnerId}/timeline`, (t: any) =>
      t.events.some((e: any) => e.type === 'MarkReleased'),
    );
    const types = staff.events.map((e: any) => e.type);
    expect(types).toEqual(['LearnerRegistered', 'EnrolmentStarted', 'WorkSubmitted', 'MarkRecorded', 'MarkReleased']);
    expect(staff.events.map((e: any) => e.position)).toEqual(
      [...staff.events.map((e: any) => e.position)].sort((a: number, b: number) => a - b),
    );
    expect(staff.events[3]).toMatchObject({
      stream: `enrolment-${enrolmentId}`,
      category: 'enrolment',
      role: 'tutor',
      actor: 'tutor-a',
    });

    const own = (
      await api.request('GET', `/v1/learners/${learnerId}/timeline`, { token: api.token('learner', learnerId) })
    ).body;
    expect(own.events.map((e: any) => e.type)).toEqual(types);
    expect(own.events.every((e: any) => !('actor' in e))).toBe(true);
    expect((await api.request('GET', '/v1/learners/0b6f9a52-3c1d-4e8f-9a7b-5d2c1e0f4a93/timeline')).status).toBe(404);
  });

  it('streams changes: staff hear every stream, a learner only their own', async () => {
    const mine = await enrol(courseA, { givenName: 'Gil', familyName: 'Listener' });
    const someoneElse = await enrol(courseA, { givenName: 'Hal', familyName: 'Elsewhere' });
    const learnerToken = api.token('learner', mine.learnerId);
    const wantsBoth = (events: { event: string; data: any }[]) =>
      events.filter((e) => e.event === 'change').length >= 2;
    const staffHears = listen(api, api.token('registry'), wantsBoth);
    // The learner hears their own submission; the other learner's comes first and must not reach them.
    const learnerHears = listen(api, learnerToken, (events) =>
      events.some((e) => e.event === 'change' && e.data.type === 'WorkSubmitted'),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await submit(someoneElse.enrolmentId, 'essay');
    await submit(mine.enrolmentId, 'essay');

    const staff = await staffHears;
    expect(staff[0]).toMatchObject({ event: 'ready' });
    expect(staff.filter((e) => e.event === 'change').map((e) => [e.data.stream, e.data.type])).toEqual([
      [`enrolment-${someoneElse.enrolmentId}`, 'WorkSubmitted'],
      [`enrolment-${mine.enrolmentId}`, 'WorkSubmitted'],
    ]);
    const learner = await learnerHears;
    expect(learner.filter((e) => e.event === 'change').map((e) => e.data.stream)).toEqual([
      `enrolment-${mine.enrolmentId}`,
    ]);
    expect(Object.keys(learner.find((e) => e.event === 'change')!.data).sort()).toEqual(['position', 'stream', 'type']);
  });
});

describe('the web app read models on a store that predates them', () => {
  it('fill themselves from the log under their own checkpoint', async () => {
    const api = await TestApp.start({ webRoot: false });
    const course = await coveredCourse(api, { tutorIds: ['tutor-a'] });
    const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
    const today = new Date().toISOString().slice(0, 10);
    const enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId: course, startDate: today } })
    ).body.id;
    await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, { body: { componentId: 'essay' } });
    await api.close();

    // As if the data folder was written before these read models existed.
    const readModels = new SqliteReadModelStore(join(api.dataDir, 'read-models.db'));
    await readModels.reset(WORKSPACE_CHECKPOINT, Object.values(WORKSPACE_COLLECTIONS));
    expect(await readModels.checkpoint(WORKSPACE_CHECKPOINT)).toBe(0);
    await readModels.close();

    const restarted = await TestApp.start({ dataDir: api.dataDir, webRoot: false });
    try {
      const queue = await restarted.eventually('/v1/marking/queue', (items: any[]) => items.length === 1, {
        token: restarted.token('tutor', 'tutor-a'),
      });
      expect(queue[0]).toMatchObject({ enrolmentId, componentId: 'essay' });
      expect((await restarted.request('GET', '/v1/learners')).body.map((l: any) => l.id)).toEqual([learnerId]);
    } finally {
      await restarted.destroy();
    }
  });
});

describe('the API without a built web app', () => {
  it('starts and serves the API, answering / with the ordinary 404', async () => {
    const api = await TestApp.start({ webRoot: join(tmpdir(), 'credence-no-such-web-app') });
    try {
      expect((await api.request('GET', '/health', { token: null })).status).toBe(200);
      expect((await api.request('GET', '/v1/courses')).status).toBe(200);
      const root = await api.request('GET', '/', { token: null });
      expect([root.status, root.body.statusCode]).toEqual([404, 404]);
    } finally {
      await api.destroy();
    }
  });
});
