/**
 * Shared test data: a postgraduate micro-credential "Data Ethics" (FHEQ 7, 15 credits, essay 60 /
 * exam 40, 90 days to complete), one learner, and builders for their commands and events.
 */
import {
  courseDecider,
  fold,
  learnerDecider,
  type AssessmentComponent,
  type AssessmentScheme,
  type CourseDefined,
  type CourseState,
  type DefineCourse,
  type EnrolmentCommand,
  type EnrolmentEvent,
  type IdentityVerification,
  type LearnerRegistered,
  type LearnerErased,
  type LearnerState,
  type Outcome,
  type TutorAssigned,
  type TutorReleased,
} from '#domain';
import { NOW } from './given-when-then.js';

export const COURSE_ID = 'crs-data-ethics';
export const LEARNER_ID = 'lrn-amira-okafor';
export const ENROLMENT_ID = 'enr-0001';
export const MARKER_ID = 'tutor-jmensah';
export const COVERING_BOARD_ID = 'brd-digital-skills';

// ---------------------------------------------------------------------------------------- course

/** A valid DefineCourse payload with no optional fields, so every default applies. */
export const dataEthics = (overrides: Partial<DefineCourse['data']> = {}): DefineCourse['data'] => ({
  courseId: COURSE_ID,
  code: 'DE701',
  title: 'Data Ethics',
  awardingBody: 'University of Northbridge',
  credits: 15,
  level: { framework: 'FHEQ', level: 7 },
  hecosCodes: ['100366'],
  cahCode: 'CAH11-01-01',
  modeOfLearning: 'online',
  aims: 'To equip data professionals to recognise and resolve ethical questions in the use of data.',
  learningOutcomes: [
    'Critically evaluate the ethical implications of a data-driven system',
    'Apply UK GDPR principles to a realistic data-processing scenario',
  ],
  components: [
    { id: 'essay', title: 'Case-study essay', weight: 60 },
    { id: 'exam', title: 'Online examination', weight: 40 },
  ],
  maxEngagementDays: 90,
  ...overrides,
});

export const defineCourse = (overrides: Partial<DefineCourse['data']> = {}): DefineCourse => ({
  type: 'DefineCourse',
  data: dataEthics(overrides),
});

export const ESSAY: AssessmentComponent = { id: 'essay', title: 'Case-study essay', weight: 60, passMark: 50 };
export const EXAM: AssessmentComponent = { id: 'exam', title: 'Online examination', weight: 40, passMark: 50 };

/** The CourseDefined event the Data Ethics definition leads to (written out, not computed). */
export const courseDefined = (overrides: Partial<CourseDefined['data']> = {}): CourseDefined => ({
  type: 'CourseDefined',
  data: {
    courseId: COURSE_ID,
    code: 'DE701',
    title: 'Data Ethics',
    awardingBody: 'University of Northbridge',
    credits: 15,
    ectsCredits: 7.5,
    level: { framework: 'FHEQ', level: 7 },
    hecosCodes: ['100366'],
    cahCode: 'CAH11-01-01',
    modeOfLearning: 'online',
    aims: 'To equip data professionals to recognise and resolve ethical questions in the use of data.',
    learningOutcomes: [
      'Critically evaluate the ethical implications of a data-driven system',
      'Apply UK GDPR principles to a realistic data-processing scenario',
    ],
    components: [ESSAY, EXAM],
    passMark: 50,
    maxEngagementDays: 90,
    maxAttempts: 2,
    psrb: null,
    qualityAssurance:
      "Approved and assured under the awarding body's academic regulations and QAA-reviewed quality processes",
    assessmentType: 'Case-study essay, Online examination',
    issuerCountry: 'GB',
    withdrawnFrom: null,
    definedAt: '2026-01-10T09:00:00.000Z',
    ...overrides,
  },
});

export const courseState = (overrides: Partial<CourseDefined['data']> = {}): CourseState =>
  fold(courseDecider, [courseDefined(overrides)]);

export const tutorAssigned = (tutorId = MARKER_ID, assignedBy?: string): TutorAssigned => ({
  type: 'TutorAssigned',
  data: { courseId: COURSE_ID, tutorId, ...(assignedBy === undefined ? {} : { assignedBy }) },
});

export const tutorReleased = (tutorId = MARKER_ID, reason = 'Left the programme team'): TutorReleased => ({
  type: 'TutorReleased',
  data: { courseId: COURSE_ID, tutorId, reason },
});

// --------------------------------------------------------------------------------------- learner

export const learnerRegistered = (): LearnerRegistered => ({
  type: 'LearnerRegistered',
  data: {
    learnerId: LEARNER_ID,
    givenName: 'Amira',
    familyName: 'Okafor',
    email: 'amira.okafor@example.org',
    fullName: 'Amira Okafor',
    registeredAt: '2026-01-15T12:00:00.000Z',
  },
});

export const learnerErased = (erasedAt = '2026-02-01T09:00:00.000Z'): LearnerErased => ({
  type: 'LearnerErased',
  data: { learnerId: LEARNER_ID, reason: 'Erasure request under UK GDPR Article 17', erasedBy: 'registry-1', erasedAt },
});

export const learnerState = (): LearnerState => fold(learnerDecider, [learnerRegistered()]);

// ----------------------------------------------------------------------------- enrolment commands

export const startEnrolment = (
  startDate: string,
  {
    course = courseState(),
    learner = learnerState(),
    coveringBoardId = COVERING_BOARD_ID,
  }: { course?: CourseState; learner?: LearnerState; coveringBoardId?: string | null } = {},
): EnrolmentCommand => ({
  type: 'StartEnrolment',
  data: { enrolmentId: ENROLMENT_ID, startDate, learnerId: LEARNER_ID, courseId: COURSE_ID },
  learner,
  course,
  coveringBoardId,
});

export const suspend = (from: string, reason = 'Serious illness (medical certificate on file)'): EnrolmentCommand => ({
  type: 'SuspendEnrolment',
  data: { from, reason },
});

export const resume = (on: string): EnrolmentCommand => ({ type: 'ResumeEnrolment', data: { on } });

export const extend = (days: number, reason = 'Mitigating circumstances: bereavement'): EnrolmentCommand => ({
  type: 'GrantExtension',
  data: { days, reason },
});

export const submit = (
  componentId: string,
  options: { submittedAt?: string; identityVerification?: IdentityVerification } = {},
): EnrolmentCommand => ({ type: 'SubmitWork', data: { componentId, ...options } });

export const mark = (componentId: string, value: number, markerId = MARKER_ID): EnrolmentCommand => ({
  type: 'RecordMark',
  data: { componentId, mark: value, markerId },
});

export const closeLapsed = (): EnrolmentCommand => ({ type: 'CloseLapsedEnrolment', data: {} });

// ------------------------------------------------------------------------------- enrolment events

export const DATA_ETHICS_SCHEME: AssessmentScheme = { passMark: 50, maxAttempts: 2, components: [ESSAY, EXAM] };

/** Enrolment on Data Ethics from 1 Feb 2026: 90 days, so the deadline is 2 May 2026. */
export const START_DATE = '2026-02-01';
export const DEADLINE = '2026-05-02';

export const enrolmentStarted = (
  overrides: Partial<Extract<EnrolmentEvent, { type: 'EnrolmentStarted' }>['data']> = {},
): EnrolmentEvent => ({
  type: 'EnrolmentStarted',
  data: {
    enrolmentId: ENROLMENT_ID,
    learnerId: LEARNER_ID,
    courseId: COURSE_ID,
    startDate: START_DATE,
    maxEngagementDays: 90,
    deadline: DEADLINE,
    scheme: DATA_ETHICS_SCHEME,
    courseVersion: 1,
    enrolledAt: '2026-01-20T09:30:00.000Z',
    ...overrides,
  },
});

/** A scheme with its own weights, pass marks and attempts, for grading scenarios. */
export const scheme = (
  components: { id: string; weight: number; passMark?: number }[],
  { passMark = 50, maxAttempts = 2 }: { passMark?: number; maxAttempts?: number } = {},
): AssessmentScheme => ({
  passMark,
  maxAttempts,
  components: components.map((c) => ({ id: c.id, title: c.id, weight: c.weight, passMark: c.passMark ?? passMark })),
});

export const suspended = (from: string, reason = 'Serious illness (medical certificate on file)'): EnrolmentEvent => ({
  type: 'EnrolmentSuspended',
  data: { enrolmentId: ENROLMENT_ID, from, reason },
});

export const resumed = (on: string, suspendedDays: number, deadline: string): EnrolmentEvent => ({
  type: 'EnrolmentResumed',
  data: { enrolmentId: ENROLMENT_ID, on, suspendedDays, deadline },
});

export const extensionGranted = (
  days: number,
  deadline: string,
  reason = 'Mitigating circumstances: bereavement',
): EnrolmentEvent => ({ type: 'ExtensionGranted', data: { enrolmentId: ENROLMENT_ID, days, reason, deadline } });

export const workSubmitted = (
  componentId: string,
  attempt = 1,
  submittedAt = '2026-02-20T16:45:00.000Z',
  identityVerification: IdentityVerification = 'single-sign-on',
): EnrolmentEvent => ({
  type: 'WorkSubmitted',
  data: { enrolmentId: ENROLMENT_ID, componentId, attempt, submittedAt, identityVerification },
});

export const markRecorded = (
  componentId: string,
  value: number,
  attempt = 1,
  markedAt = new Date(NOW).toISOString(),
): EnrolmentEvent => ({
  type: 'MarkRecorded',
  data: { enrolmentId: ENROLMENT_ID, componentId, attempt, mark: value, markerId: MARKER_ID, markedAt },
});

export const outcomeCalculated = (outcome: Outcome, calculatedAt = new Date(NOW).toISOString()): EnrolmentEvent => ({
  type: 'OutcomeCalculated',
  data: { enrolmentId: ENROLMENT_ID, ...outcome, calculatedAt },
});

/** Both components failed at attempt 1 with these marks (each below its pass mark of 50), both referred. */
export const bothReferred = (essay: number, exam: number, weightedMark: number): Outcome => ({
  result: 'referral',
  weightedMark,
  grade: null,
  components: [
    { componentId: 'essay', attempt: 1, mark: essay, passed: false },
    { componentId: 'exam', attempt: 1, mark: exam, passed: false },
  ],
  referredComponents: ['essay', 'exam'],
  note: null,
});

export const deemedWithdrawn = (
  outstandingComponents: string[],
  withdrawnOn: string,
  deadline = DEADLINE,
): EnrolmentEvent => ({
  type: 'DeemedWithdrawn',
  data: { enrolmentId: ENROLMENT_ID, deadline, outstandingComponents, withdrawnOn },
});
