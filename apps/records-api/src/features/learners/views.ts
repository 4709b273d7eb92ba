import type { CourseDefinition, Enrolment } from '#domain';
import type { LearnerProfile } from '../../personal-data/personal-data-reader.js';
import type { AwardView } from '../boards/board-award.queries.js';
import type { LedgerView } from '../ledger/ledger.queries.js';

/** Public shapes of the read side. Field names follow design §3; fields are added, never renamed. */
export type CourseView = Omit<CourseDefinition, 'courseId'> & { id: string; tutorIds: string[] };

/** `tutorIds ?? []`: course documents projected before tutor assignment existed lack the list. */
export const courseView = ({ courseId, ...course }: CourseDefinition & { tutorIds?: string[] }): CourseView => ({
  id: courseId,
  ...course,
  tutorIds: course.tutorIds ?? [],
});

export interface EnrolmentView {
  id: string;
  learnerId: string;
  courseId: string;
  course: { code: string; title: string; credits: number; level: CourseDefinition['level'] } | null;
  status: Enrolment['status'];
  startDate: string;
  deadline: string;
  suspendedDays: number;
  extensionDays: number;
  suspension: Enrolment['suspension'];
  withdrawnOn: string | null;
  passMark: number;
  maxAttempts: number;
  components: {
    id: string;
    title: string;
    weight: number;
    passMark: number;
    attempts: Enrolment['attempts'][string];
  }[];
  outcome?: Enrolment['outcome'];
  confirmation: Enrolment['confirmation'];
  mitigatingCircumstances: Enrolment['mitigatingCircumstances'];
  integrityFlags: Enrolment['integrityFlags'];
  /** In a learner's own view, until the board confirms the outcome: the marks may still change. */
  provisional?: true;
}

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
});

export interface LearnerRecordView {
  /** Opened at query time; `erased` (names "[erased]", email null) once the learner's key is destroyed. */
  learner: LearnerProfile;
  enrolments: EnrolmentView[];
  awards: AwardView[];
  /** Standing awards only, as before; the ledger adds prior learning and what is used. */
  credits: { cats: number; ects: number };
  ledger: LedgerView;
}
