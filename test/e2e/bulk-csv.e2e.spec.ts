import { boardBody, CHAIR, courseBody, TUTOR } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

const CSV = 'text/csv';

/** A sheet of `count` good rows, plus whatever extra lines the test adds (as written in the file). */
const enrolmentSheet = (code: string, count: number, extra: string[] = []): string =>
  [
    'givenName,familyName,email,courseCode,startDate',
    ...Array.from(
      { length: count },
      (_, i) => `Learner,Number ${i + 1},learner${i + 1}@example.org,${code},2026-11-23`,
    ),
    ...extra,
  ].join('\n');

describe('bulk CSV: learners and enrolments, marks, exports', () => {
  let api: TestApp;
  let course: { id: string; code: string };

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z') });
    course = (await api.request('POST', '/v1/courses', { body: courseBody() })).body;
    await api.request('POST', '/v1/boards', { body: boardBody([course.id]) });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('previews every row, writes nothing, then commits the good rows once: a second commit appends nothing', async () => {
    const sheet = enrolmentSheet(course.code, 5, [
      `Bad,Email,not-an-email,${course.code},2026-11-23`,
      'Unknown,Course,unknown@example.org,NOPE-1,2026-11-23',
    ]);
    const head = await api.store.headPosition();
    const preview = await api.request('POST', '/v1/bulk/enrolments/preview', { rawBody: sheet, contentType: CSV });
    expect(preview.status).toBe(200);
    expect(preview.body.summary).toEqual({ new: 5, unchanged: 0, skipped: 0, errors: 2 });
    expect(preview.body.messages).toEqual([
      'row 7, column email: must be an email address',
      'row 8, column courseCode: must be the code of a course in the catalogue ("NOPE-1" is not)',
    ]);
    expect(preview.body.outcomes[0]).toMatchObject({ row: 2, status: 'new', actions: ['register learner', 'enrol'] });
    expect(await api.store.headPosition()).toBe(head);

    const committed = await api.request('POST', '/v1/bulk/enrolments', { rawBody: sheet, contentType: CSV });
    expect(committed.body.summary).toEqual({ new: 5, unchanged: 0, skipped: 0, errors: 2 });
    const learners = await api.request('GET', '/v1/learners?search=example.org');
    expect(learners.body.map((l: any) => l.email).sort()).toEqual(
      ['learner1', 'learner2', 'learner3', 'learner4', 'learner5'].map((n) => `${n}@example.org`),
    );

    const afterFirst = await api.store.headPosition();
    const again = await api.request('POST', '/v1/bulk/enrolments', { rawBody: sheet, contentType: CSV });
    expect(again.body.summary).toEqual({ new: 0, unchanged: 5, skipped: 0, errors: 2 });
    expect(await api.store.headPosition()).toBe(afterFirst);
  });

  it('uploads marks per component, with the submission, and the board issues awards', async () => {
    const sheet = (await api.request('GET', `/v1/courses/${course.id}/marks.csv`)).body as string;
    const lines = sheet.trim().split('\n');
    expect(lines[0]).toBe(
      'enrolmentId,componentId,mark,attempt,submittedAt,givenName,familyName,email,startDate,deadline,enrolmentStatus',
    );
    const rows = lines.slice(1).map((line) => line.split(','));
    const marks = [
      'enrolmentId,componentId,mark,submittedAt',
      ...rows.map(([enrolmentId, componentId]) => `${enrolmentId},${componentId},76,2026-11-23T08:00:00Z`),
      `${rows[0]![0]},essay,101`,
    ].join('\n');
    const tutorPreview = await api.request('POST', '/v1/bulk/marks/preview', {
      rawBody: marks,
      contentType: CSV,
      token: api.token('tutor', TUTOR),
    });
    expect([tutorPreview.status, tutorPreview.body.message]).toEqual([200, undefined]);
    expect(tutorPreview.body.messages[0]).toMatch(/^row 2, column submittedAt: only registry staff/);

    const committed = await api.request('POST', '/v1/bulk/marks', { rawBody: marks, contentType: CSV });
    expect(committed.body.summary).toEqual({ new: 10, unchanged: 0, skipped: 0, errors: 1 });
    expect(committed.body.messages).toEqual([
      `row ${rows.length + 2}, column mark: must be a whole number from 0 to 100`,
    ]);
    const again = await api.request('POST', '/v1/bulk/marks/preview', { rawBody: marks, contentType: CSV });
    expect(again.body.summary).toMatchObject({ new: 0, unchanged: 10 });

    const enrolmentId = committed.body.outcomes[0].ids.enrolmentId;
    const enrolment = await api.eventually(`/v1/enrolments/${enrolmentId}`, (e: any) => e.status === 'confirmed');
    expect(enrolment.outcome).toMatchObject({ result: 'pass', weightedMark: 76 });
    const minutes = await api.request(
      'GET',
      `/v1/boards/${(await api.request('GET', '/v1/boards', { token: api.token('board', CHAIR) })).body[0].id}/minutes.csv`,
    );
    expect(minutes.status).toBe(200);
    expect((minutes.body as string).split('\n')[0]).toMatch(/^caseId,enrolmentId,learner,/);
  });

  it('refuses a sheet without the header it needs, or too large, naming the rule', async () => {
    const missing = await api.request('POST', '/v1/bulk/enrolments/preview', {
      rawBody: 'givenName,familyName,email\nA,B,c@example.org',
      contentType: CSV,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toEqual([
      'column courseCode is missing: the header must name givenName, familyName, email, courseCode, startDate',
      'column startDate is missing: the header must name givenName, familyName, email, courseCode, startDate',
    ]);
    const tooMany = enrolmentSheet(course.code, 10_001);
    const refused = await api.request('POST', '/v1/bulk/enrolments/preview', { rawBody: tooMany, contentType: CSV });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toEqual(['body must hold at most 10000 rows (it holds 10001)']);
  });

  it('exports monitoring and the marking queue as CSV', async () => {
    const monitoring = await api.request('GET', `/v1/courses/${course.id}/monitoring.csv`);
    expect(monitoring.body).toMatch(/^section,measure,value\nenrolments,total,5\n/);
    const queue = await api.request('GET', '/v1/marking/queue.csv', { token: api.token('tutor', TUTOR) });
    expect(queue.body).toMatch(
      /^enrolmentId,courseCode,componentId,componentTitle,attempt,submittedAt,waitingSeconds,mark\n/,
    );
  });

  it('shows a learner their own marks as provisional, without sampling reasons, moderation or flag text', async () => {
    const sheet = `givenName,familyName,email,courseCode,startDate\nPia,Private,pia@example.org,${course.code},2026-11-23`;
    const enrolmentId = (await api.request('POST', '/v1/bulk/enrolments', { rawBody: sheet, contentType: CSV })).body
      .outcomes[0].ids.enrolmentId;
    const marks = `enrolmentId,componentId,mark,submittedAt\n${enrolmentId},essay,69,2026-11-23T08:00:00Z`;
    await api.request('POST', '/v1/bulk/marks', { rawBody: marks, contentType: CSV });
    await api.request('POST', `/v1/enrolments/${enrolmentId}/integrity-flags`, { body: { reason: 'Matching text' } });
    const staff = await api.eventually(
      `/v1/enrolments/${enrolmentId}`,
      (e: any) => e.components[0].attempts[0].samplingReason !== null,
    );
    const own = await api.request('GET', `/v1/enrolments/${enrolmentId}`, {
      token: api.token('learner', staff.learnerId),
    });
    expect(own.body.provisional).toBe(true);
    expect(own.body.components[0].attempts[0]).toMatchObject({ mark: 69, samplingReason: null, moderation: null });
    expect(own.body.integrityFlags).toEqual([
      { reason: '[withheld]', raisedBy: '[withheld]', raisedAt: staff.integrityFlags[0].raisedAt },
    ]);
    const record = await api.request('GET', `/v1/learners/${staff.learnerId}/record`, {
      token: api.token('learner', staff.learnerId),
    });
    expect(JSON.stringify(record.body)).not.toMatch(/Matching text|near-boundary/);
    // Nor in their timeline, which the staff's keeps them in.
    const timeline = await api.request('GET', `/v1/learners/${staff.learnerId}/timeline`, {
      token: api.token('learner', staff.learnerId),
    });
    expect(timeline.status).toBe(200);
    const types = (timeline.body.events as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['MarkSampledForModeration', 'IntegrityFlagRaised']));
    expect(JSON.stringify(timeline.body)).not.toMatch(/Matching text|near-boundary/);
    const staffTimeline = await api.request('GET', `/v1/learners/${staff.learnerId}/timeline`);
    expect(JSON.stringify(staffTimeline.body)).toMatch(/Matching text/);
  });
});
