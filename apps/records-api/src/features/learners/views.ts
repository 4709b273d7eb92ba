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

/** Withheld from learners: who raised an integrity flag and why (the staff's record keeps both). */
export const WITHHELD = '[withheld]';

/**
 * What a learner sees of their own enrolment: never why a mark was sampled, the moderator's notes
 * or an integrity flag's text; the marks are provisional until the board confirms.
 */
export const learnersOwnView = (view: EnrolmentView): EnrolmentView => ({
  ...view,
  components: view.components.map((c) => ({
    ...c,
    attempts: c.attempts.map((a) => ({ ...a, samplingReason: null, moderation: null, amendments: [] })),
  })),
  integrityFlags: view.integrityFlags.map((f) => ({ reason: WITHHELD, raisedBy: WITHHELD, raisedAt: f.raisedAt })),
  ...(view.status === 'confirmed' ? {} : { provisional: true }),
});

/**
 * What a learner's own timeline leaves out of their enrolment's events, as their enrolment view
 * does: why a mark was sampled, the moderator's and the amending tutor's notes and who wrote them,
 * an integrity flag's text and who raised it.
 */
const WITHHELD_FROM_LEARNERS: Partial<Record<string, readonly string[]>> = {
  MarkSampledForModeration: ['reason', 'note'],
  MarkModerated: ['reason', 'moderatorId'],
  MarkAmended: ['reason', 'amendedBy'],
  IntegrityFlagRaised: ['reason', 'raisedBy'],
};

export const learnersOwnEventData = (type: string, data: unknown): unknown => {
  const withheld = WITHHELD_FROM_LEARNERS[type];
  if (!withheld) return data;
  return Object.fromEntries(Object.entries(data as object).filter(([field]) => !withheld.includes(field)));
};

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
  // Documents projected before adjustments existed lack them.
  adjustments: e.adjustments ?? [],
});
