import type { CourseState } from '../course/course.decider.js';
import type { IsoDate } from '../shared/dates.js';
import type { LearnerState } from '../learner/learner.decider.js';
import type { ModerationCommand } from './moderation.events.js';
import type { IdentityVerification } from './enrolment.events.js';

/**
 * The shell loads the learner and course and hands their states in, with the board that covers the
 * course (null when none does); the decider does no I/O.
 */
export type StartEnrolment = {
  type: 'StartEnrolment';
  data: { enrolmentId: string; startDate: IsoDate; learnerId: string; courseId: string };
  learner: LearnerState;
  course: CourseState;
  coveringBoardId: string | null;
};
export type SuspendEnrolment = { type: 'SuspendEnrolment'; data: { from: IsoDate; reason: string } };
export type ResumeEnrolment = { type: 'ResumeEnrolment'; data: { on: IsoDate } };
export type GrantExtension = { type: 'GrantExtension'; data: { days: number; reason: string } };
export type SubmitWork = {
  type: 'SubmitWork';
  data: { componentId: string; submittedAt?: string; identityVerification?: IdentityVerification };
};
/** Records the mark as pending: the board runner then samples it for moderation or releases it. */
export type RecordMark = { type: 'RecordMark'; data: { componentId: string; mark: number; markerId: string } };
/** Issued by the scheduled sweep: closes an enrolment whose deadline passed with work outstanding. */
export type CloseLapsedEnrolment = { type: 'CloseLapsedEnrolment'; data: Record<string, never> };

/** The commands of the decider's own switch; `EnrolmentCommand` adds those of the rules composed into it. */
export type CoreEnrolmentCommand =
  | StartEnrolment
  | SuspendEnrolment
  | ResumeEnrolment
  | GrantExtension
  | SubmitWork
  | RecordMark
  | CloseLapsedEnrolment
  | ModerationCommand;
