import type { AwardView, EnrolmentView, LearnerRecordView } from '#contracts';
import { dateTimeOf, type Transcript, type TranscriptCourse } from '#credentials';

/** The latest of these instants (ISO dates or date-times), as given. */
export const latestOf = (instants: readonly string[]): string =>
  instants.reduce((latest, instant) =>
    Date.parse(dateTimeOf(instant)) > Date.parse(dateTimeOf(latest)) ? instant : latest,
  );

const standingOf = (e: EnrolmentView): Pick<TranscriptCourse, 'standing' | 'status'> => {
  switch (e.status) {
    case 'withdrawn':
      return { standing: `Withdrawn on ${e.withdrawnOn ?? e.startDate}`, status: 'Withdrew' };
    case 'suspended':
      return { standing: 'Studies suspended', status: 'OnHold' };
    case 'assessed':
      return { standing: 'Awaiting the board', status: 'Provisional' };
    case 'confirmed':
      return e.confirmation?.result === 'pass'
        ? { standing: 'Passed', status: 'Completed' }
        : { standing: 'Failed', status: 'Failed' };
    case 'active':
      return e.outcome?.result === 'referral'
        ? { standing: 'Referred: components to attempt again', status: 'InProgress' }
        : { standing: 'In progress', status: 'InProgress' };
  }
};

const courseOf = (e: EnrolmentView, award: AwardView | undefined): TranscriptCourse => {
  const components = e.components.map((c) => ({
    id: c.id,
    title: c.title,
    weight: c.weight,
    passMark: c.passMark,
    attempts: c.attempts.map((a) => ({ attempt: a.attempt, submittedAt: a.submittedAt, mark: a.mark })),
  }));
  const outcome = e.confirmation
    ? { weightedMark: e.confirmation.weightedMark, grade: e.confirmation.grade, confirmed: true }
    : e.outcome
      ? { weightedMark: e.outcome.weightedMark, grade: e.outcome.grade, confirmed: false }
      : null;
  const changes = [
    e.startDate,
    ...e.components.flatMap((c) => c.attempts.flatMap((a) => [a.submittedAt, ...(a.markedAt ? [a.markedAt] : [])])),
    ...(e.confirmation ? [e.confirmation.confirmedAt] : []),
    ...(e.withdrawnOn ? [e.withdrawnOn] : []),
    ...(award ? [award.issuedOn, ...(award.revoked ? [award.revoked.revokedAt] : [])] : []),
  ];
  return {
    enrolmentId: e.id,
    courseId: e.courseId,
    code: e.course?.code ?? e.courseId,
    title: e.course?.title ?? 'Course no longer on record',
    level: e.course?.level ?? null,
    credits: e.course?.credits ?? 0,
    startDate: e.startDate,
    ...standingOf(e),
    outcome,
    components,
    award: award
      ? {
          awardId: award.id,
          issuedOn: award.issuedOn,
          credits: award.credits,
          revoked: award.revoked ? { revokedAt: award.revoked.revokedAt, reason: award.revoked.reason } : null,
        }
      : null,
    changedAt: dateTimeOf(latestOf(changes)),
  };
};

/** The learner's record as a transcript: every enrolment, oldest first, with its award if any. */
export const transcriptOf = (record: LearnerRecordView, issuerName: string, asOf: Date): Transcript => ({
  learnerId: record.learner.id,
  learnerName: `${record.learner.givenName} ${record.learner.familyName}`,
  issuerName,
  asOf: asOf.toISOString(),
  credits: record.credits,
  courses: record.enrolments.map((e) =>
    courseOf(
      e,
      record.awards.find((award) => award.enrolmentId === e.id),
    ),
  ),
});
