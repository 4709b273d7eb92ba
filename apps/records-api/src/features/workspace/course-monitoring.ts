import type { Enrolment, EnrolmentStatus, IssuedAward } from '#domain';
import type { CourseMonitoring } from '#contracts';

const STATUSES: EnrolmentStatus[] = ['active', 'suspended', 'assessed', 'confirmed', 'withdrawn'];

/** The value below which `share` of the sorted values fall (nearest rank). */
const percentile = (sorted: number[], share: number): number | null =>
  sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;

const median = (sorted: number[]): number | null => {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** When the last mark the outcome rests on became what it is: recorded, amended or moderated. */
export const finalMarkAt = (e: Enrolment): string | null => {
  let latest: string | null = null;
  for (const attempts of Object.values(e.attempts)) {
    const last = attempts.at(-1);
    if (!last) continue;
    const times = [last.markedAt, last.amendments.at(-1)?.amendedAt ?? null, last.moderation?.moderatedAt ?? null];
    for (const time of times) if (time !== null && (latest === null || time > latest)) latest = time;
  }
  return latest;
};

const monthsBefore = (now: Date, months: number): string[] =>
  Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });

/** What monitoring needs of an award of the course: whose it is and whether it still stands. */
export type MonitoredAward = Pick<IssuedAward, 'enrolmentId' | 'revoked'>;

/** Enrolments whose every award was revoked: their confirmed pass no longer stands. A reissued award stands. */
const revokedOutcomes = (awards: readonly MonitoredAward[]): Set<string> => {
  const standing = new Set(awards.filter((a) => a.revoked === null).map((a) => a.enrolmentId));
  return new Set(awards.filter((a) => a.revoked !== null && !standing.has(a.enrolmentId)).map((a) => a.enrolmentId));
};

/**
 * `awards`: the course's awards. A pass whose award was revoked (and not reissued) is no completion,
 * pass, grade or mark band; revocations are their own figure. How long confirmation took, and when,
 * still count it: the board did confirm it then.
 */
export const courseMonitoring = (
  enrolments: readonly Enrolment[],
  awards: readonly MonitoredAward[],
  now: Date,
  months = 12,
): CourseMonitoring => {
  const revoked = revokedOutcomes(awards);
  let revokedCompletions = 0;
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<EnrolmentStatus, number>;
  const grades = { Distinction: 0, Merit: 0, Pass: 0, Fail: 0 };
  const bands = Array.from({ length: 10 }, (_, i) => ({
    band: i === 9 ? '90-100' : `${i * 10}-${i * 10 + 9}`,
    count: 0,
  }));
  const waits: number[] = [];
  const moderation = {
    marks: 0,
    sampled: 0,
    moderated: 0,
    awaitingModerator: 0,
    reasons: { fail: 0, 'near-boundary': 0, systematic: 0, amended: 0, appeal: 0 },
  };
  const monthKeys = monthsBefore(now, months);
  const byMonth = new Map(monthKeys.map((month) => [month, { month, started: 0, confirmed: 0 }]));
  let passes = 0;
  let delegated = 0;

  for (const e of enrolments) {
    byStatus[e.status] += 1;
    const startedIn = byMonth.get(e.startDate.slice(0, 7));
    if (startedIn) startedIn.started += 1;
    for (const attempts of Object.values(e.attempts)) {
      for (const attempt of attempts) {
        if (attempt.mark === null) continue;
        moderation.marks += 1;
        // The reason stays on the attempt once moderated; a released mark has none.
        if (attempt.samplingReason !== null) {
          moderation.sampled += 1;
          moderation.reasons[attempt.samplingReason] += 1;
        }
        if (attempt.classification === 'moderated') moderation.moderated += 1;
        if (attempt.classification === 'sampled') moderation.awaitingModerator += 1;
      }
    }
    const confirmation = e.confirmation;
    if (!confirmation) continue;
    if (confirmation.delegated) delegated += 1;
    const confirmedIn = byMonth.get(confirmation.confirmedAt.slice(0, 7));
    if (confirmedIn) confirmedIn.confirmed += 1;
    const finalAt = finalMarkAt(e);
    if (finalAt !== null) waits.push(Math.max(0, (Date.parse(confirmation.confirmedAt) - Date.parse(finalAt)) / 1000));
    // A fail confirmed after an upheld appeal revoked the pass's award stands as a fail.
    if (confirmation.result === 'pass' && revoked.has(e.enrolmentId)) {
      revokedCompletions += 1;
      continue;
    }
    if (confirmation.result === 'pass') {
      passes += 1;
      grades[confirmation.grade ?? 'Pass'] += 1;
    } else grades.Fail += 1;
    bands[Math.min(9, Math.floor(confirmation.weightedMark / 10))]!.count += 1;
  }

  waits.sort((a, b) => a - b);
  const completions = byStatus.confirmed - revokedCompletions;
  return {
    enrolments: enrolments.length,
    byStatus,
    completions,
    passes,
    passRate: completions === 0 ? null : passes / completions,
    revocations: { awards: awards.filter((a) => a.revoked !== null).length, completions: revokedCompletions },
    grades,
    weightedMarks: bands,
    finalMarkToConfirmation: {
      confirmed: waits.length,
      medianSeconds: median(waits),
      p90Seconds: percentile(waits, 0.9),
      delegated,
      byQuorum: byStatus.confirmed - delegated,
    },
    moderation: { ...moderation, coverage: moderation.marks === 0 ? null : moderation.sampled / moderation.marks },
    byMonth: monthKeys.map((month) => byMonth.get(month)!),
  };
};
