import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fixedClock,
  fold,
  ledgerDecider,
  pathwayDecider,
  StateConflict,
  streams,
  type LedgerEvent,
  type PathwayRules,
} from '#domain';
import { ConcurrencyConflict, decideAndAppend, SqliteEventStore } from '#event-store';
import { boardBody, courseBody, learnerBody } from '../support/fixtures.js';
import { raceReads } from '../support/racing-reads.js';
import { TestApp, TestClock } from '../support/test-app.js';
import { submitAndPassCleanly } from '../support/enrolments.js';

const PARTNER = 'Northern Consortium University';

/** Stacking micro-credentials and prior learning into a PgCert over HTTP. */
describe('credit ledger', () => {
  const clock = new TestClock('2026-11-23T09:00:00Z');
  let api: TestApp;
  let courseIds: string[];
  let learnerId: string;
  const learner = () => api.token('learner', learnerId);

  const pathwayBody = (overrides: Record<string, unknown> = {}) => ({
    title: 'PgCert Data Science',
    awardingBody: 'University of Northshire',
    level: { framework: 'FHEQ', level: 7 },
    totalCredits: 60,
    minCreditsAtLevel: 40,
    capstoneCourseId: courseIds[2],
    allowedCourseIds: courseIds,
    consortiumPartners: [PARTNER],
    ...overrides,
  });
  const rplBody = (overrides: Record<string, unknown> = {}) => ({
    decision: 'recognised',
    kind: 'transfer',
    provider: PARTNER,
    title: 'Statistics for Data Science',
    credits: 15,
    level: { framework: 'FHEQ', level: 7 },
    awardedOn: '2025-06-30',
    evidenceRef: 'transcripts/ncu-2025-0042.pdf',
    ...overrides,
  });

  /** Enrol, submit and pass (64/66: a clean case), so the board runner issues the award. */
  const passCourse = async (courseId: string, awardsBefore: number) => {
    const enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
    ).body.id;
    await submitAndPassCleanly(api, enrolmentId, learnerId);
    await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === awardsBefore + 1);
  };

  beforeAll(async () => {
    api = await TestApp.start({ clock });
    courseIds = [];
    for (const [code, title] of [
      ['DS701', 'Applied Analytics'],
      ['DS702', 'Machine Learning'],
      ['DS799', 'Data Science Capstone'],
    ])
      courseIds.push((await api.request('POST', '/v1/courses', { body: courseBody({ code, title }) })).body.id);
    expect((await api.request('POST', '/v1/boards', { body: boardBody(courseIds) })).status).toBe(201);
    learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
    for (const [i, courseId] of courseIds.entries()) await passCourse(courseId, i);
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('stacks three micro-credentials and one transfer credit into a PgCert; two concurrent conferments, one wins', async () => {
    const defined = await api.request('POST', '/v1/pathways', { body: pathwayBody() });
    expect(defined).toMatchObject({
      status: 201,
      body: {
        title: 'PgCert Data Science',
        rplCapCredits: 40,
        creditAgeLimitYears: 5,
        capstone: { courseId: courseIds[2], code: 'DS799' },
      },
    });
    const pathwayId = defined.body.id;
    expect((await api.request('GET', `/v1/pathways/${pathwayId}`)).body).toEqual(defined.body);

    const before = await api.request('GET', `/v1/learners/${learnerId}/pathways/${pathwayId}/progress`, {
      token: learner(),
    });
    expect(before.body).toMatchObject({ eligible: false, missing: ['needs 15 more credits'], countedCredits: 45 });
    const early = await api.request('POST', `/v1/learners/${learnerId}/pathways/${pathwayId}/conferment`);
    expect(early).toMatchObject({ status: 409, body: { message: ['needs 15 more credits'] } });

    const declined = await api.request('POST', `/v1/learners/${learnerId}/credits`, {
      body: rplBody({
        decision: 'declined',
        kind: 'rpl',
        provider: 'Acme Ltd',
        title: 'In-house training',
        reason: 'Outcomes not at level 7',
      }),
    });
    expect(declined).toMatchObject({ status: 201, body: { decision: 'declined', reason: 'Outcomes not at level 7' } });
    const recognised = await api.request('POST', `/v1/learners/${learnerId}/credits`, { body: rplBody() });
    expect(recognised).toMatchObject({
      status: 201,
      body: { decision: 'recognised', kind: 'transfer', credits: { cats: 15, ects: 7.5 }, achievedOn: '2025-06-30' },
    });

    const ready = await api.request('GET', `/v1/learners/${learnerId}/pathways/${pathwayId}/progress`, {
      token: learner(),
    });
    expect(ready.body).toMatchObject({ eligible: true, missing: [], countedCredits: 60, rplCredits: 15, rplCap: 40 });
    expect(ready.body.counting.map((c: any) => c.source)).toEqual(['award', 'award', 'award', 'transfer']);

    // A second pathway the same credits would satisfy: both conferments race for them.
    const rival = (
      await api.request('POST', '/v1/pathways', { body: pathwayBody({ title: 'PgCert Applied Data Science' }) })
    ).body.id;
    const [a, b] = await Promise.all([
      api.request('POST', `/v1/learners/${learnerId}/pathways/${pathwayId}/conferment`),
      api.request('POST', `/v1/learners/${learnerId}/pathways/${rival}/conferment`),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const won = a.status === 201 ? a.body : b.body;
    expect(won).toMatchObject({ learnerId, credits: { cats: 60, ects: 30 }, conferredOn: '2026-11-23' });
    expect(won.creditIds).toHaveLength(4);
    expect((a.status === 409 ? a : b).body.message).toEqual([
      'needs 60 more credits',
      'needs 40 more credits at FHEQ 7',
      'needs the capstone DS799',
    ]);

    const record = (await api.request('GET', `/v1/learners/${learnerId}/record`, { token: learner() })).body;
    expect(record.credits).toEqual({ cats: 45, ects: 22.5 });
    expect(record.ledger).toMatchObject({
      fromAwards: { cats: 45, ects: 22.5 },
      fromPriorLearning: { cats: 15, ects: 7.5 },
      used: { cats: 60, ects: 30 },
      available: { cats: 0, ects: 0 },
      declined: [expect.objectContaining({ title: 'In-house training' })],
    });
    expect(record.ledger.conferments).toHaveLength(1);

    const feed = await api.request('GET', '/v1/feed?limit=100', { token: api.token('integration', 'hr-system') });
    const types = feed.body.events.map((e: any) => e.type);
    expect(types.filter((t: string) => t === 'credence.credit.recognised.v1')).toHaveLength(1);
    expect(types.filter((t: string) => t === 'credence.pathway.conferred.v1')).toHaveLength(1);
    const conferredEvent = feed.body.events.find((e: any) => e.type === 'credence.pathway.conferred.v1');
    expect(conferredEvent).toMatchObject({
      subject: learnerId,
      data: { learnerId, title: won.title, credits: { cats: 60, ects: 30 } },
    });
    expect(conferredEvent.data).not.toHaveProperty('conferredBy');
    const creditEvent = feed.body.events.find((e: any) => e.type === 'credence.credit.recognised.v1');
    expect(creditEvent.data).toMatchObject({ learnerId, kind: 'transfer', provider: PARTNER });
    expect(creditEvent.data).not.toHaveProperty('evidenceRef');
  });

  it('lists the pathways by title for the registry to confer, and to no one else', async () => {
    const ids: string[] = [];
    for (const title of ['PgDip Listed', 'PgCert Listed'])
      ids.push((await api.request('POST', '/v1/pathways', { body: pathwayBody({ title }) })).body.id);
    const listed = await api.request('GET', '/v1/pathways');
    expect(listed.status).toBe(200);
    const titles = (listed.body as { title: string }[]).map((p) => p.title);
    expect(titles).toEqual([...titles].sort());
    const pgCert = (listed.body as { id: string }[]).find((p) => p.id === ids[1]);
    expect(pgCert).toEqual((await api.request('GET', `/v1/pathways/${ids[1]}`)).body);
    expect(titles).toEqual(expect.arrayContaining(['PgCert Listed', 'PgDip Listed']));
    expect((await api.request('GET', '/v1/pathways', { token: learner() })).status).toBe(403);
    expect((await api.request('GET', '/v1/pathways', { token: api.token('tutor', 'tutor-1') })).status).toBe(403);
  });

  it('guards who may do what, and names bad fields', async () => {
    const pathwayId = (await api.request('POST', '/v1/pathways', { body: pathwayBody({ title: 'PgCert Guarded' }) }))
      .body.id;
    const other = (await api.request('POST', '/v1/learners', { body: learnerBody({ email: 'other@example.org' }) }))
      .body.id;
    const asOther = api.token('learner', other);
    expect(
      (await api.request('GET', `/v1/learners/${learnerId}/pathways/${pathwayId}/progress`, { token: asOther })).status,
    ).toBe(403);
    expect(
      (await api.request('POST', `/v1/learners/${learnerId}/credits`, { token: learner(), body: rplBody() })).status,
    ).toBe(403);
    expect(
      (await api.request('POST', `/v1/learners/${learnerId}/pathways/${pathwayId}/conferment`, { token: learner() }))
        .status,
    ).toBe(403);
    expect((await api.request('POST', '/v1/pathways', { token: learner(), body: pathwayBody() })).status).toBe(403);

    const noReason = await api.request('POST', `/v1/learners/${learnerId}/credits`, {
      body: rplBody({ decision: 'declined' }),
    });
    expect(noReason).toMatchObject({
      status: 400,
      body: { message: ['reason must be 1-1000 characters when the credit is declined'] },
    });
    const future = await api.request('POST', `/v1/learners/${learnerId}/credits`, {
      body: rplBody({ awardedOn: '2027-01-01' }),
    });
    expect(future.body.message).toEqual([expect.stringMatching(/^awardedOn must be/)]);
    const unknownCourse = await api.request('POST', '/v1/pathways', {
      body: pathwayBody({ allowedCourseIds: [crypto.randomUUID()] }),
    });
    expect(unknownCourse.body.message).toEqual(['allowedCourseIds[0] must be a defined course']);

    const missing = crypto.randomUUID();
    expect((await api.request('GET', `/v1/pathways/${missing}`)).status).toBe(404);
    expect((await api.request('POST', `/v1/learners/${learnerId}/pathways/${missing}/conferment`)).status).toBe(404);
    expect((await api.request('POST', `/v1/learners/${missing}/credits`, { body: rplBody() })).status).toBe(404);
  });

  it('records RPL for access to a course on the ledger', async () => {
    const body = {
      courseId: courseIds[0],
      decision: 'admitted',
      basis: 'Six years as a data analyst',
      evidenceRef: 'applications/0042',
    };
    const recorded = await api.request('POST', `/v1/learners/${learnerId}/access-rpl`, { body });
    expect(recorded).toMatchObject({ status: 201, body: { learnerId, courseId: courseIds[0], decision: 'admitted' } });
    expect((await api.request('POST', `/v1/learners/${learnerId}/access-rpl`, { body })).status).toBe(409);
    const record = (await api.request('GET', `/v1/learners/${learnerId}/record`)).body;
    expect(record.ledger.accessDecisions).toEqual([
      expect.objectContaining({ courseId: courseIds[0], decision: 'admitted' }),
    ]);
  });
});

/**
 * The guarantee itself, below HTTP: both deciders read the ledger at the same version before
 * either appends, so only the expected-version check can stop the second.
 */
describe('concurrent conferment on the ledger stream', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'credence-ledger-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets exactly one of two conferments of the same credits win', async () => {
    const learnerId = 'learner-race';
    const credit = (id: string, courseId: string): LedgerEvent => ({
      type: 'AwardCreditRecorded',
      data: {
        creditId: id,
        learnerId,
        awardId: id,
        courseId,
        title: id,
        provider: 'U',
        credits: { cats: 20, ects: 10 },
        level: { framework: 'FHEQ', level: 7 },
        achievedOn: '2026-01-10',
      },
    });
    const meta = {
      actor: 'registry-1',
      role: 'registry',
      correlationId: 'c',
      causationId: null,
      occurredAt: '2026-03-01T10:00:00.000Z',
    };
    await store.append(
      streams.ledger(learnerId),
      [credit('a1', 'c1'), credit('a2', 'c2'), credit('a3', 'c3')].map((e) => ({ ...e, metadata: meta })),
      'no-stream',
    );
    const pathway = (pathwayId: string): PathwayRules =>
      fold(pathwayDecider, [
        {
          type: 'PathwayDefined',
          data: {
            pathwayId,
            title: pathwayId,
            awardingBody: 'U',
            level: { framework: 'FHEQ', level: 7 },
            totalCredits: 60,
            minCreditsAtLevel: 40,
            capstone: null,
            allowedCourseIds: ['c1', 'c2', 'c3'],
            consortiumPartners: [],
            maxRplProportion: 2 / 3,
            rplCapCredits: 40,
            creditAgeLimitYears: 5,
            ageLimitSetAside: false,
            definedBy: 'r',
            definedAt: '2026-01-01T00:00:00.000Z',
          },
        },
      ]) as PathwayRules;
    const race = raceReads(store, { parties: 2, streamId: streams.ledger(learnerId) });
    const confer = (pathwayId: string) =>
      decideAndAppend(
        store,
        fixedClock('2026-03-01T10:00:00Z'),
        ledgerDecider,
        streams.ledger(learnerId),
        { type: 'ConferPathway', data: { learnerId, conferredBy: 'registry-1' }, pathway: pathway(pathwayId) },
        () => meta,
      );

    const results = await Promise.allSettled([confer('pgcert-a'), confer('pgcert-b')]);
    race.restore();

    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(StateConflict);
    expect(race.conflicts).toEqual([expect.any(ConcurrencyConflict)]);
    const conferments = (await store.read(streams.ledger(learnerId))).filter((e) => e.type === 'PathwayConferred');
    expect(conferments).toHaveLength(1);
  });
});
