import { eqfLevelOf, type CourseDefinition, type Enrolment } from '#domain';
import type { LearnerProfile } from '../../personal-data/personal-data-reader.js';
import type { AwardView } from '../boards/board-award.queries.js';
import type { LedgerView } from '../ledger/ledger.queries.js';

/** Public shapes of the read side. Field names follow design §3; fields are added, never renamed. */
export type CourseView = Omit<CourseDefinition, 'courseId'> & {
  id: string;
  tutorIds: string[];
  eqfLevel: number | null;
};

/** `tutorIds ?? []`: course documents projected before tutor assignment existed lack the list. */
export const courseView = ({
  courseId,
  versions: _versions,
  ...course
}: CourseDefinition & { tutorIds?: string[]; versions?: unknown }): CourseView => ({
  id: courseId,
  ...course,
  tutorIds: course.tutorIds ?? [],
  eqfLevel: eqfLevelOf(course.level),
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
  /** The course version the enrolment is pinned to. */
  courseVersion: number;
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
}

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
