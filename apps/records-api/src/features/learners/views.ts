import type { CourseDefinition, Enrolment } from '#domain';
import type { CourseView, EnrolmentView } from '#contracts';

/** Public views of the record documents; their types are the contracts in #contracts. */
export const courseView = ({ courseId, ...course }: CourseDefinition & { tutorIds: string[] }): CourseView => ({
  id: courseId,
  ...course,
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
  passMark: e.scheme.passMark,
  maxAttempts: e.scheme.maxAttempts,
  components: e.scheme.components.map((c) => ({ ...c, attempts: e.attempts[c.id] ?? [] })),
  ...(e.outcome ? { outcome: e.outcome } : {}),
  confirmation: e.confirmation,
  mitigatingCircumstances: e.mitigatingCircumstances,
  integrityFlags: e.integrityFlags,
  learnerNotes: e.learnerNotes,
});
