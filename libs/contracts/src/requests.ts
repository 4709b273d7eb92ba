import type {
  ConstituteBoard,
  CourseApproval,
  DecideAppeal,
  DefineCourse,
  Level,
  LodgeAppeal,
  RecordReasonableAdjustment,
  RegisterLearner,
  WithdrawReasonableAdjustment,
} from '#domain';

/*
 * The bodies the web app's forms send: the commands' own data, less the ids the server assigns.
 * Type-only, like views.ts: the API's DTOs check the shapes and the domain the rules.
 */

/** POST /v1/courses */
export type DefineCourseRequest = Omit<DefineCourse['data'], 'courseId'>;

/** POST /v1/courses/:id/versions: the whole definition again, and why it changes. */
export type ReviseCourseRequest = Omit<DefineCourseRequest, 'tutorIds' | 'approval'> & { reason: string };

/** POST /v1/courses/:id/approval */
export type ApproveCourseRequest = CourseApproval;

/** POST /v1/courses/:id/withdrawal */
export interface WithdrawCourseRequest {
  withdrawnFrom: string;
  reason: string;
}

/** POST /v1/boards */
export type ConstituteBoardRequest = Omit<ConstituteBoard['data'], 'boardId'>;

/** POST /v1/learners: 409 with `existingLearnerId` when the email is known, unless `confirmedNewPerson`. */
export type RegisterLearnerRequest = Pick<RegisterLearner['data'], 'givenName' | 'familyName' | 'email'> & {
  confirmedNewPerson?: boolean;
};

/** POST /v1/enrolments: the learner's own start date. */
export interface StartEnrolmentRequest {
  learnerId: string;
  courseId: string;
  startDate: string;
}

/** POST /v1/pathways: the target award and its rules; defaults for the RPL share and credit age. */
export interface DefinePathwayRequest {
  title: string;
  awardingBody: string;
  level: Level;
  totalCredits: number;
  minCreditsAtLevel: number;
  capstoneCourseId?: string;
  allowedCourseIds: string[];
}

/** POST /v1/enrolments/:id/appeals: the learner's grounds (from the fixed list) and statement. */
export type LodgeAppealRequest = Pick<LodgeAppeal['data'], 'grounds' | 'statement'>;

/** POST /v1/appeals/:id/outcome: a remedy (and, to re-moderate, the component) only when upheld. */
export type AppealOutcomeRequest = DecideAppeal['data'];

/** POST /v1/enrolments/:id/adjustments: the server assigns the id and records the caller as approver. */
export type RecordAdjustmentRequest = Pick<RecordReasonableAdjustment['data'], 'type' | 'extensionDays' | 'note'>;

/** POST /v1/enrolments/:id/adjustments/:adjustmentId/withdrawal */
export type WithdrawAdjustmentRequest = Pick<WithdrawReasonableAdjustment['data'], 'reason'>;
