import { streams } from '#domain';
import { coveredCourse } from '../support/courses.js';
import { raceReads } from '../support/racing-reads.js';
import { submittedEnrolment } from '../support/enrolments.js';
import { TestApp, TestClock } from '../support/test-app.js';

/**
 * Fault test: concurrent marks on one enrolment over HTTP. Every mark appends with the version it
 * decided on; the store refuses a stale one (ConcurrencyConflict) and the handler retries once
 * against the fresh state. The race is made deterministic: the racing requests' reads of the
 * enrolment wait for each other, so all of them decide on the same version. The board runner is
 * left out so that the requests are the only writers to the stream.
 */
describe('concurrent marks on one enrolment', () => {
  let api: TestApp;
  let courseId: string;

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z'), processes: () => [] });
    courseId = await coveredCourse(api);
  });
  afterAll(async () => {
    await api?.destroy();
  });

  const mark = (enrolmentId: string, componentId: string, value: number) =>
    api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
      token: api.token('tutor'),
      body: { componentId, mark: value },
    });

  it('ten marks of the same component at once: exactly one 201, nine 409, one MarkRecorded', async () => {
    const enrolmentId = await submittedEnrolment(api, courseId);
    const race = raceReads(api.store, { parties: 10, streamId: streams.enrolment(enrolmentId) });

    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => mark(enrolmentId, 'essay', 60 + i)));
    race.restore();

    expect(race.allArrived).toBe(true);
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    for (const refused of responses.filter((r) => r.status === 409))
      expect(refused.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: [expect.any(String)] });
    // Every loser's append was refused by the store on its version, then its retry was refused by the rules.
    expect(race.conflicts).toHaveLength(9);
    expect(race.appends).toBe(1);
    const marks = (await api.store.read(streams.enrolment(enrolmentId))).filter((e) => e.type === 'MarkRecorded');
    expect(marks).toHaveLength(1);
    const winner = responses.find((r) => r.status === 201)!;
    expect(marks[0]!.data).toMatchObject({ componentId: 'essay', mark: winner.body.mark });
  });

  it('two marks of different components at once: both 201, one of them retried after a version conflict', async () => {
    const enrolmentId = await submittedEnrolment(api, courseId);
    const race = raceReads(api.store, { parties: 2, streamId: streams.enrolment(enrolmentId) });

    const [essay, exam] = await Promise.all([mark(enrolmentId, 'essay', 64), mark(enrolmentId, 'exam', 66)]);
    race.restore();

    expect(race.allArrived).toBe(true);
    expect([essay!.status, exam!.status]).toEqual([201, 201]);
    expect(race.conflicts).toHaveLength(1);
    expect(race.appends).toBe(2);
    const events = await api.store.read(streams.enrolment(enrolmentId));
    expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
    const marks = events
      .filter((e) => e.type === 'MarkRecorded')
      .map((e) => e.data as { componentId: string; mark: number });
    expect(marks.map((m) => [m.componentId, m.mark]).sort()).toEqual([
      ['essay', 64],
      ['exam', 66],
    ]);
  });
});
