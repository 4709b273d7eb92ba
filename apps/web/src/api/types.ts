/** The API's response shapes the web app reads (a subset; the API adds fields, never renames). */

export type Role = 'registry' | 'tutor' | 'board' | 'examiner' | 'learner' | 'integration';

export interface Level {
  framework: string;
  level: number;
}

export interface Course {
  id: string;
  code: string;
  title: string;
  awardingBody: string;
  credits: number;
  level: Level;
  modeOfLearning: string;
  components: { id: string; title: string; weight: number; passMark: number }[];
  /** The tutors who may mark it. */
  tutorIds?: string[];
}

export type Decision = 'confirm' | 'amend' | 'defer';
export type CaseStatus = 'pending' | 'deferred' | 'decided';

export interface Outcome {
  result: 'pass' | 'fail' | 'referral';
  weightedMark: number;
  grade: 'Distinction' | 'Merit' | 'Pass' | null;
  components: { componentId: string; attempt: number; mark: number; passed: boolean }[];
  referredComponents: string[];
  note: string | null;
}

export interface Vote {
  memberId: string;
  decision: Decision;
  rationale: string;
  mark: number | null;
  votedAt: string;
}

export interface BoardCase {
  id: string;
  boardId: string;
  boardName: string;
  enrolmentId: string;
  learnerId: string;
  courseId: string;
  outcome: Outcome;
  concerns: string[];
  openedAt: string;
  status: CaseStatus;
  decision: {
    decision: Decision;
    rationale: string;
    mark: number | null;
    decidedBy: string[];
    delegated: boolean;
    decidedAt: string;
  } | null;
  waitingSeconds: number;
  /** The learner's name and the voting members' names, for the staff. */
  learnerName?: string;
  votes: (Vote & { memberName?: string })[];
}

export interface Attempt {
  attempt: number;
  submittedAt: string;
  mark: number | null;
  markerId: string | null;
  markedAt: string | null;
  classification: 'pending' | 'released' | 'sampled' | 'moderated';
  samplingReason: 'fail' | 'near-boundary' | 'systematic' | null;
  moderation: {
    moderatorId: string;
    decision: 'agreed' | 'adjusted';
    originalMark: number;
    reason: string;
    moderatedAt: string;
  } | null;
  amendments: { previousMark: number; mark: number; reason: string; amendedAt: string }[];
}

export interface Enrolment {
  id: string;
  learnerId: string;
  courseId: string;
  course: { code: string; title: string; credits: number; level: Level } | null;
  status: 'active' | 'suspended' | 'assessed' | 'confirmed' | 'withdrawn';
  startDate: string;
  deadline: string;
  withdrawnOn: string | null;
  passMark: number;
  maxAttempts: number;
  components: { id: string; title: string; weight: number; passMark: number; attempts: Attempt[] }[];
  outcome?: Outcome;
  confirmation: {
    result: 'pass' | 'fail';
    weightedMark: number;
    grade: string | null;
    delegated: boolean;
    rationale: string;
    confirmedAt: string;
  } | null;
  mitigatingCircumstances: { reason: string; claimedAt: string }[];
  integrityFlags: { reason: string; raisedBy: string; raisedAt: string }[];
  /** In the learner's own view until the board confirms: the marks may still change. */
  provisional?: true;
}

export interface Award {
  id: string;
  status: 'issued' | 'revoked';
  learnerId: string;
  learnerName?: string;
  courseId: string;
  courseCode: string;
  title: string;
  awardingBody: string;
  issuedOn: string;
  credits: { cats: number; ects: number };
  level: Level;
  result: { weightedMark: number; grade: string };
  revoked: { reason: string; revokedBy: string; revokedAt: string } | null;
}

export interface LedgerCredit {
  creditId: string;
  source: string;
  title: string;
  provider: string;
  credits: { cats: number; ects: number };
  level: Level;
  achievedOn: string;
  status: 'available' | 'used' | 'revoked';
}

export interface LearnerRecord {
  learner: { id: string; givenName: string; familyName: string; email: string | null; erased?: boolean };
  enrolments: Enrolment[];
  awards: Award[];
  credits: { cats: number; ects: number };
  ledger: {
    fromAwards: { cats: number; ects: number };
    fromPriorLearning: { cats: number; ects: number };
    available: { cats: number; ects: number };
    used: { cats: number; ects: number };
    credits: LedgerCredit[];
    declined: { title: string; provider: string; reason: string }[];
  };
}

export interface LearnerSummary {
  id: string;
  givenName: string;
  familyName: string;
  email: string | null;
}

export interface TimelineEntry {
  id: string;
  position: number;
  stream: string;
  category: string;
  type: string;
  occurredAt: string;
  role: string;
  actor?: string;
  data: Record<string, unknown>;
}

export interface MarkingItem {
  enrolmentId: string;
  componentId: string;
  componentTitle: string;
  attempt: number;
  course: { id: string; code: string; title: string } | null;
  enrolmentStatus: Enrolment['status'];
  submittedAt: string;
  waitingSeconds: number;
  status: 'awaiting-mark' | Attempt['classification'];
  markerId: string | null;
  mark: number | null;
  markersMark: number | null;
  markedAt: string | null;
  samplingReason: Attempt['samplingReason'];
  moderation: Attempt['moderation'];
}

export interface ModerationResults {
  markerId: string;
  summary: { marked: number; sampled: number; awaitingModerator: number; agreed: number; adjusted: number };
  items: MarkingItem[];
}

export interface CourseMonitoring {
  course: Course;
  enrolments: number;
  byStatus: Record<Enrolment['status'], number>;
  completions: number;
  passes: number;
  passRate: number | null;
  grades: { Distinction: number; Merit: number; Pass: number; Fail: number };
  weightedMarks: { band: string; count: number }[];
  finalMarkToConfirmation: {
    confirmed: number;
    medianSeconds: number | null;
    p90Seconds: number | null;
    delegated: number;
    byQuorum: number;
  };
  moderation: {
    marks: number;
    sampled: number;
    moderated: number;
    awaitingModerator: number;
    coverage: number | null;
    reasons: { fail: number; 'near-boundary': number; systematic: number };
  };
  byMonth: { month: string; started: number; confirmed: number }[];
}
