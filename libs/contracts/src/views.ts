import type {
  Appeal,
  Attempt,
  Board,
  BoardCase,
  Conferment,
  CourseDefinition,
  CourseVersions,
  Enrolment,
  EnrolmentStatus,
  IssuedAward,
  LedgerCredit,
  LedgerState,
  MarkClassification,
  Moderation,
  PathwayDefinition,
  ReasonableAdjustment,
  SamplingReason,
} from '#domain';

/*
 * The read side's public documents: what the API answers and the web app reads, stated once.
 * Field names follow design §3; fields are added, never renamed. Type-only: nothing here runs.
 */

export interface CreditTotals {
  cats: number;
  ects: number;
}

export type CourseView = Omit<CourseDefinition, 'courseId'> & {
  id: string;
  /** The tutors who may mark it. */
  tutorIds: string[];
  /** The European Qualifications Framework level the course's framework level is referenced to. */
  eqfLevel: number | null;
} & Partial<Pick<CourseVersions, 'version' | 'lifecycle' | 'approval' | 'revision'>>;

/** A learner as every reader shows them: their personal data opened, or marked erased. */
export interface LearnerProfile {
  id: string;
  givenName: string;
  familyName: string;
  /** null once erased. */
  email: string | null;
  erased: boolean;
  /** When the learner's personal data was erased, or null. */
  erasedAt: string | null;
}

export interface EnrolmentView {
  id: string;
  learnerId: string;
  courseId: string;
  course: { code: string; title: string; credits: number; level: CourseDefinition['level'] } | null;
  status: Enrolment['status'];
  startDate: string;
  deadline: string;
  suspendedDays: number;
  /** Days added to the deadline by extensions and by reasonable adjustments in force. */
  extensionDays: number;
  suspension: Enrolment['suspension'];
  withdrawnOn: string | null;
  /** The course version the enrolment is pinned to. */
  courseVersion: number;
  passMark: number;
  maxAttempts: number;
  components: { id: string; title: string; weight: number; passMark: number; attempts: Attempt[] }[];
  outcome?: Enrolment['outcome'];
  confirmation: Enrolment['confirmation'];
  mitigatingCircumstances: Enrolment['mitigatingCircumstances'];
  integrityFlags: Enrolment['integrityFlags'];
  /** The learner's own notes, oldest first. */
  learnerNotes: Enrolment['learnerNotes'];
  /** Reasonable adjustments, oldest first, withdrawn ones included (marked by `withdrawal`). */
  adjustments: ReasonableAdjustment[];
  /** In a learner's own view, until the board confirms the outcome: the marks may still change. */
  provisional?: true;
}

/** An award as the API shows it: the learner's name opened ("[erased]" and `learnerErased` once erased). */
export type AwardView = Omit<IssuedAward, 'awardId' | 'status' | 'learnerName'> & {
  id: string;
  status: 'issued' | 'revoked';
  learnerName: string;
  learnerErased: boolean;
};

/** One case in a board's queue. */
export type CaseView = Omit<BoardCase, 'caseId' | 'votes'> & {
  id: string;
  boardId: string;
  boardName: string;
  /** For the staff: the learner's name (opened at query time) and each voting member's name. */
  learnerName: string;
  votes: (BoardCase['votes'][number] & { memberName: string })[];
  waitingSeconds: number;
  /** The reasonable adjustments in force on the enrolment, for the board to weigh. */
  adjustments: ReasonableAdjustment[];
};

/** A standing board as the staff pick it: its courses and members, without its cases. */
export type BoardView = Omit<Board, 'boardId' | 'status' | 'cases'> & { id: string };

export type PathwayView = Omit<PathwayDefinition, 'pathwayId'> & { id: string };

/** The record's ledger section: where the learner's credit came from and what is left to stack. */
export interface LedgerView {
  fromAwards: CreditTotals;
  fromPriorLearning: CreditTotals;
  used: CreditTotals;
  available: CreditTotals;
  credits: (LedgerCredit & { status: 'available' | 'used' | 'revoked' })[];
  declined: LedgerState['declined'];
  accessDecisions: LedgerState['accessDecisions'];
  conferments: Conferment[];
}

export interface LearnerRecordView {
  /** Opened at query time; `erased` (names "[erased]", email null) once the learner's key is destroyed. */
  learner: LearnerProfile;
  enrolments: EnrolmentView[];
  awards: AwardView[];
  /** Standing awards only, as before; the ledger adds prior learning and what is used. */
  credits: CreditTotals;
  ledger: LedgerView;
}

/** A submission waiting for its mark; after marking, where the mark stands in moderation. */
export type MarkingStatus = 'awaiting-mark' | MarkClassification;

/**
 * One submission or mark in a queue. Marking is anonymous: the item names the enrolment, course
 * and component, never the learner.
 */
export interface MarkingQueueItem {
  enrolmentId: string;
  componentId: string;
  componentTitle: string;
  attempt: number;
  course: { id: string; code: string; title: string } | null;
  enrolmentStatus: Enrolment['status'];
  submittedAt: string;
  /** Seconds since it joined this queue: since submission (marking) or since marking (moderation). */
  waitingSeconds: number;
  status: MarkingStatus;
  markerId: string | null;
  /** The current mark: as recorded, amended or moderated. */
  mark: number | null;
  /** The mark as the marker last gave it, before any moderator's adjustment. */
  markersMark: number | null;
  markedAt: string | null;
  samplingReason: SamplingReason | null;
  moderation: Moderation | null;
  /** The reasonable adjustments in force on the enrolment, for the marker to apply (anonymous, as the item is). */
  adjustments: ReasonableAdjustment[];
}

export interface ModerationResults {
  markerId: string;
  summary: { marked: number; sampled: number; awaitingModerator: number; agreed: number; adjusted: number };
  /** The marker's sampled marks, most recently marked first. */
  items: MarkingQueueItem[];
}

/** A course's monitoring figures: what the registry watches per course (design §2, issue 8). */
export interface CourseMonitoring {
  enrolments: number;
  byStatus: Record<EnrolmentStatus, number>;
  /** Outcomes the board has confirmed (pass or fail), less passes whose award was revoked and not reissued. */
  completions: number;
  passes: number;
  /** passes / completions, or null before the first completion. */
  passRate: number | null;
  /**
   * awards: the course's awards revoked (a reissued one's predecessor included); completions: the
   * confirmed passes left out of completions, passes, grades and mark bands because their award was revoked.
   */
  revocations: { awards: number; completions: number };
  grades: { Distinction: number; Merit: number; Pass: number; Fail: number };
  /** Confirmed weighted marks in bands of ten: 0-9, 10-19, ... 90-100. */
  weightedMarks: { band: string; count: number }[];
  finalMarkToConfirmation: {
    confirmed: number;
    medianSeconds: number | null;
    p90Seconds: number | null;
    /** Confirmed at once as clean cases, versus by a quorum of the board. */
    delegated: number;
    byQuorum: number;
  };
  moderation: {
    /** Marks recorded (every attempt's current mark). */
    marks: number;
    sampled: number;
    moderated: number;
    awaitingModerator: number;
    /** sampled / marks, or null with no marks. */
    coverage: number | null;
    reasons: Record<SamplingReason, number>;
  };
  /** Enrolments started and outcomes confirmed per calendar month, the last `months` months. */
  byMonth: { month: string; started: number; confirmed: number }[];
}

/** GET /v1/courses/:id/monitoring: the figures beside the course they are of. */
export type CourseMonitoringView = CourseMonitoring & { course: CourseView };

/** One event of a learner's timeline. */
export interface TimelineEntry {
  id: string;
  position: number;
  stream: string;
  category: string;
  type: string;
  occurredAt: string;
  role: string;
  /** Who acted: shown to staff; a learner sees the role only. */
  actor?: string;
  data: unknown;
}

export interface LearnerTimeline {
  learnerId: string;
  events: TimelineEntry[];
}

/** An issuer's key generations, oldest first: the newest not retired signs, every one not retired verifies. */
export interface IssuerKeysView {
  issuer: string;
  name: string;
  keys: {
    created: string;
    retired: string | null;
    signing: boolean;
    /** The VC-JWT `kid`s (RS256, EdDSA), each dereferencing to its JWK. */
    kids: string[];
    /** The Data Integrity verification method (Multikey) in the issuer's Profile. */
    verificationMethod: string;
  }[];
}

/** The learner's share link of an award: its verification page also shows their name. */
export interface ShareLinkView {
  /** The credential URL with the share token, or null while the link is off. */
  url: string | null;
  since: string | null;
}

/** An academic appeal against a board's confirmed decision (its steps, reviewer and outcome). */
export type AppealView = Omit<Appeal, 'appealId'> & { id: string };

/** An appeal in the registry's queue: the learner by name (opened at query time), the course by code and title. */
export type AppealQueueItem = AppealView & {
  learnerName: string;
  course: { code: string; title: string } | null;
};

/** A learner's appeals, and what decides whether a confirmed decision may still be appealed. */
export interface LearnerAppealsView {
  /** Days after a confirmed decision within which the learner may appeal it (the registry's APPEAL_WINDOW_DAYS). */
  windowDays: number;
  /** Today by the API's clock: a window is open until `appealWindowClosesOn(confirmedAt, windowDays)`, inclusive. */
  today: string;
  appeals: AppealView[];
}

/** How the web app signs in: the OpenID provider it sends users to, when one is configured (else tokens are pasted). */
export interface SignInOptionsView {
  oidc: { issuer: string; clientId: string } | null;
}
