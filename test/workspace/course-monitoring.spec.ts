import { courseMonitoring, finalMarkAt } from '../../apps/records-api/src/features/workspace/course-monitoring.js';
import { EnrolmentHistory } from './enrolment-history.js';

const NOW = new Date('2026-11-23T12:00:00Z');

/** A clean pass: marks released, confirmed under delegated authority half a second after the last mark. */
const cleanMerit = new EnrolmentHistory('a', 'course-1', '2026-09-01')
  .submitted('essay', '2026-10-01T09:00:00Z')
  .marked('essay', 64, '2026-10-02T09:00:00.000Z')
  .released('essay')
  .submitted('exam', '2026-10-03T09:00:00Z')
  .marked('exam', 61, '2026-10-04T10:00:00.000Z')
  .released('exam')
  .confirmed('pass', 63, 'Merit', '2026-10-04T10:00:00.500Z', true);

/** A fail: both marks sampled as fails, moderated (one adjusted), confirmed by a quorum two hours later. */
const moderatedFail = new EnrolmentHistory('b', 'course-1', '2026-10-15')
  .submitted('essay', '2026-11-01T09:00:00Z')
  .marked('essay', 40, '2026-11-02T09:00:00.000Z')
  .sampled('essay', 'fail')
  .moderated('essay', 40, 38, '2026-11-02T11:00:00.000Z')
  .submitted('exam', '2026-11-01T09:00:00Z')
  .marked('exam', 36, '2026-11-02T09:30:00.000Z')
  .sampled('exam', 'fail')
  .moderated('exam', 36, 36, '2026-11-02T10:00:00.000Z')
  .confirmed('fail', 37, null, '2026-11-02T13:00:00.000Z', false);

/** Still studying: one mark near a boundary waits for a moderator. */
const waiting = new EnrolmentHistory('c', 'course-1', '2026-11-10')
  .submitted('essay', '2026-11-20T09:00:00Z')
  .marked('essay', 59, '2026-11-21T09:00:00.000Z')
  .sampled('essay', 'near-boundary');

const withdrawn = new EnrolmentHistory('d', 'course-1', '2025-06-01').withdrawn('2025-10-01');

describe('course monitoring figures', () => {
  const figures = courseMonitoring(
    [cleanMerit, moderatedFail, waiting, withdrawn].map((h) => h.state()),
    [],
    NOW,
  );

  it('counts enrolments by status, completions and the pass rate over confirmed outcomes', () => {
    expect(figures.enrolments).toBe(4);
    expect(figures.byStatus).toEqual({ active: 1, suspended: 0, assessed: 0, confirmed: 2, withdrawn: 1 });
    expect([figures.completions, figures.passes, figures.passRate]).toEqual([2, 1, 0.5]);
    expect(figures.grades).toEqual({ Distinction: 0, Merit: 1, Pass: 0, Fail: 1 });
    expect(figures.weightedMarks.filter((b) => b.count > 0)).toEqual([
      { band: '30-39', count: 1 },
      { band: '60-69', count: 1 },
    ]);
  });

  it('times confirmation from the last final mark (recorded, amended or moderated)', () => {
    expect(finalMarkAt(cleanMerit.state())).toBe('2026-10-04T10:00:00.000Z');
    expect(finalMarkAt(moderatedFail.state())).toBe('2026-11-02T11:00:00.000Z');
    // 0.5 s and 2 h: the median of two is their mean; the 90th percentile the slower.
    expect(figures.finalMarkToConfirmation).toEqual({
      confirmed: 2,
      medianSeconds: 3600.25,
      p90Seconds: 7200,
      delegated: 1,
      byQuorum: 1,
    });
  });

  it('reports moderation coverage as the share of marks sampled, with the reasons', () => {
    expect(figures.moderation).toEqual({
      marks: 5,
      sampled: 3,
      moderated: 2,
      awaitingModerator: 1,
      coverage: 0.6,
      reasons: { fail: 2, 'near-boundary': 1, systematic: 0, amended: 0, appeal: 0 },
    });
  });

  it('counts enrolments started and outcomes confirmed in each of the last twelve months', () => {
    expect(figures.byMonth).toHaveLength(12);
    expect(figures.byMonth[0]!.month).toBe('2025-12');
    expect(figures.byMonth.filter((m) => m.started || m.confirmed)).toEqual([
      { month: '2026-09', started: 1, confirmed: 0 },
      { month: '2026-10', started: 1, confirmed: 1 },
      { month: '2026-11', started: 1, confirmed: 1 },
    ]);
  });

  it('an amendment after the mark moves the final-mark time', () => {
    const amended = new EnrolmentHistory('e')
      .submitted('essay', '2026-10-01T09:00:00Z')
      .marked('essay', 64, '2026-10-02T09:00:00.000Z')
      .amended('essay', 64, 66, '2026-10-05T09:00:00.000Z');
    expect(finalMarkAt(amended.state())).toBe('2026-10-05T09:00:00.000Z');
  });

  it('has no rates before there is anything to rate', () => {
    const empty = courseMonitoring([], [], NOW);
    expect([
      empty.passRate,
      empty.moderation.coverage,
      empty.finalMarkToConfirmation.medianSeconds,
      empty.finalMarkToConfirmation.p90Seconds,
    ]).toEqual([null, null, null, null]);
  });

  describe('a revoked award', () => {
    const revocation = { reason: 'Misconduct', revokedBy: 'registry-1', revokedAt: '2026-11-20T09:00:00.000Z' };
    const enrolments = [cleanMerit, moderatedFail].map((h) => h.state());
    const meritAward = cleanMerit.state().enrolmentId;

    it('takes the pass out of completions, passes, grades and bands, and counts it as a revocation', () => {
      const counted = courseMonitoring(enrolments, [{ enrolmentId: meritAward, revoked: null }], NOW);
      expect([counted.completions, counted.passes, counted.passRate]).toEqual([2, 1, 0.5]);
      expect(counted.revocations).toEqual({ awards: 0, completions: 0 });

      const revoked = courseMonitoring(enrolments, [{ enrolmentId: meritAward, revoked: revocation }], NOW);
      expect([revoked.completions, revoked.passes, revoked.passRate]).toEqual([1, 0, 0]);
      expect(revoked.grades).toEqual({ Distinction: 0, Merit: 0, Pass: 0, Fail: 1 });
      expect(revoked.weightedMarks.filter((b) => b.count > 0)).toEqual([{ band: '30-39', count: 1 }]);
      expect(revoked.revocations).toEqual({ awards: 1, completions: 1 });
      // The board still confirmed it when it did: the time to confirmation keeps it.
      expect(revoked.finalMarkToConfirmation).toEqual(counted.finalMarkToConfirmation);
      expect(revoked.byStatus.confirmed).toBe(2);
    });

    it('counts a fail the board confirmed after an upheld appeal revoked the award as a fail', () => {
      const failed = courseMonitoring(
        [moderatedFail.state()],
        [{ enrolmentId: moderatedFail.state().enrolmentId, revoked: revocation }],
        NOW,
      );
      expect([failed.completions, failed.passes, failed.grades.Fail]).toEqual([1, 0, 1]);
      expect(failed.revocations).toEqual({ awards: 1, completions: 0 });
    });

    it('counts a pass whose award was revoked and reissued (an upheld appeal) as standing', () => {
      const reissued = courseMonitoring(
        enrolments,
        [
          { enrolmentId: meritAward, revoked: revocation },
          { enrolmentId: meritAward, revoked: null },
        ],
        NOW,
      );
      expect([reissued.completions, reissued.passes]).toEqual([2, 1]);
      expect(reissued.revocations).toEqual({ awards: 1, completions: 0 });
    });
  });
});
