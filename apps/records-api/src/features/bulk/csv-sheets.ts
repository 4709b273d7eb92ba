import { stringify } from 'csv-stringify/sync';
import type { Enrolment } from '#domain';
import type { CaseDocument } from '#projections';
import type { CourseMonitoring, LearnerProfile, MarkingQueueItem } from '#contracts';

export type Cell = string | number | boolean | null;
export type Sheet = Record<string, Cell>[];

/** RFC 4180 text with a header row; `columns` fixes the order (and the header of an empty sheet). */
export const csvOf = (columns: readonly string[], rows: Sheet): string =>
  stringify(rows, { header: true, columns: [...columns], cast: { boolean: (value) => String(value) } });

export const MARK_SHEET_COLUMNS = [
  'enrolmentId',
  'componentId',
  'mark',
  'attempt',
  'submittedAt',
  'givenName',
  'familyName',
  'email',
  'startDate',
  'deadline',
  'enrolmentStatus',
] as const;

/**
 * A course's marks, a row per enrolment and component (the latest attempt): the mark upload's own
 * format, so a registry fills in the `mark` column and uploads the sheet back.
 */
export const markSheet = (enrolments: readonly Enrolment[], learners: ReadonlyMap<string, LearnerProfile>): Sheet =>
  enrolments.flatMap((e) =>
    e.scheme.components.map(({ id }) => {
      const latest = e.attempts[id]?.at(-1);
      const learner = learners.get(e.learnerId);
      return {
        enrolmentId: e.enrolmentId,
        componentId: id,
        mark: latest?.mark ?? null,
        attempt: latest?.attempt ?? null,
        submittedAt: latest?.submittedAt ?? null,
        givenName: learner?.givenName ?? null,
        familyName: learner?.familyName ?? null,
        email: learner?.email ?? null,
        startDate: e.startDate,
        deadline: e.deadline,
        enrolmentStatus: e.status,
      };
    }),
  );

export const MINUTES_COLUMNS = [
  'caseId',
  'enrolmentId',
  'learner',
  'courseId',
  'result',
  'weightedMark',
  'grade',
  'concerns',
  'openedAt',
  'decision',
  'mark',
  'rationale',
  'decidedBy',
  'delegated',
  'decidedAt',
] as const;

/** A board's minutes: every decided case, oldest first, with the decision and who took it. */
export const minutesSheet = (cases: readonly CaseDocument[], names: ReadonlyMap<string, string>): Sheet =>
  cases.map((c) => ({
    caseId: c.caseId,
    enrolmentId: c.enrolmentId,
    learner: names.get(c.learnerId) ?? c.learnerId,
    courseId: c.courseId,
    result: c.outcome.result,
    weightedMark: c.outcome.weightedMark,
    grade: c.outcome.grade,
    concerns: c.concerns.join('; '),
    openedAt: c.openedAt,
    decision: c.decision?.decision ?? null,
    mark: c.decision?.mark ?? null,
    rationale: c.decision?.rationale ?? null,
    decidedBy: c.decision?.decidedBy.join('; ') ?? null,
    delegated: c.decision?.delegated ?? null,
    decidedAt: c.decision?.decidedAt ?? null,
  }));

export const MONITORING_COLUMNS = ['section', 'measure', 'value'] as const;

/** A course's monitoring figures as measure/value rows (the shape a spreadsheet pivots). */
export const monitoringSheet = (m: CourseMonitoring): Sheet => [
  { section: 'enrolments', measure: 'total', value: m.enrolments },
  ...Object.entries(m.byStatus).map(([status, count]) => ({ section: 'status', measure: status, value: count })),
  { section: 'outcomes', measure: 'completions', value: m.completions },
  { section: 'outcomes', measure: 'passes', value: m.passes },
  { section: 'outcomes', measure: 'passRate', value: m.passRate },
  { section: 'revocations', measure: 'awards', value: m.revocations.awards },
  { section: 'revocations', measure: 'completions', value: m.revocations.completions },
  ...Object.entries(m.grades).map(([grade, count]) => ({ section: 'grades', measure: grade, value: count })),
  ...m.weightedMarks.map(({ band, count }) => ({ section: 'weightedMarks', measure: band, value: count })),
  ...Object.entries(m.finalMarkToConfirmation).map(([measure, value]) => ({
    section: 'finalMarkToConfirmation',
    measure,
    value,
  })),
  ...Object.entries(m.moderation)
    .filter((entry): entry is [string, number | null] => typeof entry[1] !== 'object' || entry[1] === null)
    .map(([measure, value]) => ({ section: 'moderation', measure, value })),
  ...Object.entries(m.moderation.reasons).map(([reason, count]) => ({
    section: 'samplingReasons',
    measure: reason,
    value: count,
  })),
  ...m.byMonth.flatMap(({ month, started, confirmed }) => [
    { section: `month ${month}`, measure: 'started', value: started },
    { section: `month ${month}`, measure: 'confirmed', value: confirmed },
  ]),
];

export const QUEUE_COLUMNS = [
  'enrolmentId',
  'courseCode',
  'componentId',
  'componentTitle',
  'attempt',
  'submittedAt',
  'waitingSeconds',
  'mark',
] as const;

/** The marking queue (anonymous, as on screen), with an empty `mark` column: upload it back filled in. */
export const queueSheet = (items: readonly MarkingQueueItem[]): Sheet =>
  items.map((item) => ({
    enrolmentId: item.enrolmentId,
    courseCode: item.course?.code ?? null,
    componentId: item.componentId,
    componentTitle: item.componentTitle,
    attempt: item.attempt,
    submittedAt: item.submittedAt,
    waitingSeconds: item.waitingSeconds,
    mark: null,
  }));
