import { eqfLevelOf, type CourseDefinition, type Enrolment } from '#domain';
import type { CourseView, EnrolmentView } from '#contracts';

/** Public views of the record documents; their types are the contracts in #contracts. */
export const courseView = ({
  courseId,
  versions: _versions,
  ...course
}: CourseDefinition & { tutorIds: string[]; versions?: unknown }): CourseView => ({
  id: courseId,
  ...course,
  eqfLevel: eqfLevelOf(course.level),
});

export const enrolmentView = (e: Enrolment, course: CourseDefinition | undefined): EnrolmentView => ({
  id: e.enrolmentId,
  learnerId: e.learnerId,
  courseId: e.courseId,
  course: course ? { code: course.code, title: course.title, credits: course.credits, level: course.level } : null,
  status: e.status,
  startDate: e.startDate,
  deadline: e.deadline,
  suspendedDays: e.suspendedDays,
  extensionDays: e.extensionDays,
  suspension: e.suspension,
  withdrawnOn: e.withdrawnOn,
  // Documents projected before versions existed lack it: they started on version 1.
  courseVersion: e.courseVersion ?? 1,
  passMark: e.scheme.passMark,
  maxAttempts: e.scheme.maxAttempts,
  components: e.scheme.components.map((c) => ({ ...c, attempts: e.attempts[c.id] ?? [] })),
  ...(e.outcome ? { outcome: e.outcome } : {}),
  confirmation: e.confirmation,
  mitigatingCircumstances: e.mitigatingCircumstances,
  integrityFlags: e.integrityFlags,
  learnerNotes: e.learnerNotes,
});
