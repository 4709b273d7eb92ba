/** The API's response shapes the web app reads: the server's own contracts (libs/contracts), not a copy. */
import type {
  AwardView,
  CaseView,
  CourseMonitoringView,
  CourseView,
  EnrolmentView,
  LearnerProfile,
  LearnerRecordView,
  MarkingQueueItem,
} from '#contracts';

export type {
  Attempt,
  CaseDecision as Decision,
  CaseStatus,
  LedgerCredit,
  Level,
  Outcome,
  PathwayProgress,
  ReasonableAdjustment as Adjustment,
  Vote,
} from '#domain';
export type {
  BoardView,
  ModerationResults,
  PathwayView,
  ShareLinkView,
  SignInOptionsView,
  TimelineEntry,
} from '#contracts';
export type { AppealQueueItem, AppealView as Appeal, LearnerAppealsView as LearnerAppeals } from '#contracts';
export type {
  AppealOutcomeRequest,
  ApproveCourseRequest,
  ConstituteBoardRequest,
  DefineCourseRequest,
  DefinePathwayRequest,
  LodgeAppealRequest,
  RecordAdjustmentRequest,
  RegisterLearnerRequest,
  ReviseCourseRequest,
  StartEnrolmentRequest,
  WithdrawAdjustmentRequest,
  WithdrawCourseRequest,
} from '#contracts';

export type Role = 'registry' | 'tutor' | 'board' | 'examiner' | 'learner' | 'integration';

export type Course = CourseView;
export type Enrolment = EnrolmentView;
export type Award = AwardView;
export type BoardCase = CaseView;
export type LearnerRecord = LearnerRecordView;
export type LearnerSummary = LearnerProfile;
export type MarkingItem = MarkingQueueItem;
export type CourseMonitoring = CourseMonitoringView;

/** A stream a consumer failed on and holds back until registry staff retry it (GET /v1/operations/parked). */
export interface ParkedStream {
  id: string;
  consumer: string;
  streamId: string;
  status: 'parked' | 'resolved';
  event: { id: string; type: string; position: number; streamVersion: number };
  error: string;
  parkedAt: string;
  heldEvents: number;
  failedRetries: number;
  resolvedAt: string | null;
}

export type {
  DeadLetterView as DeadLetter,
  TestDeliveryResult as WebhookTestResult,
  WebhookSecretView as WebhookSecret,
  WebhookSubscriptionView as WebhookSubscription,
} from '#contracts';
