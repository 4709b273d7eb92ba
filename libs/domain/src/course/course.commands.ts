import type { IsoDate } from '../shared/dates.js';
import type { AssessmentComponent, CourseApproval, CourseDefinition } from './course.events.js';

/** Optional fields take the documented defaults (pass mark by level, 2 attempts, ...). */
export type DefineCourse = {
  type: 'DefineCourse';
  data: Omit<
    CourseDefinition,
    | 'ectsCredits'
    | 'passMark'
    | 'maxAttempts'
    | 'psrb'
    | 'qualityAssurance'
    | 'assessmentType'
    | 'issuerCountry'
    | 'withdrawnFrom'
    | 'components'
  > & {
    components: (Omit<AssessmentComponent, 'passMark'> & { passMark?: number })[];
    passMark?: number;
    maxAttempts?: number;
    psrb?: CourseDefinition['psrb'];
    qualityAssurance?: string;
    assessmentType?: string;
    issuerCountry?: string;
    withdrawnFrom?: IsoDate | null;
    /** Tutors assigned with the definition: each becomes a TutorAssigned after CourseDefined. */
    tutorIds?: string[];
    /** An approval already given: the course is defined approved (live) instead of as a draft. */
    approval?: CourseApproval;
  };
};

/** Approves the draft (version 1) or the revision awaiting approval. */
export type ApproveCourse = { type: 'ApproveCourse'; data: CourseApproval & { courseId: string } };

/** A change to the course: a new version with the whole definition (code and awarding body stay). */
export type ReviseCourse = {
  type: 'ReviseCourse';
  data: { definition: Omit<DefineCourse['data'], 'tutorIds'>; reason: string };
};

export type ScheduleCourseWithdrawal = {
  type: 'ScheduleCourseWithdrawal';
  data: { courseId: string; withdrawnFrom: IsoDate; reason: string };
};

/** The shell says whether the tutor id is a learner enrolled on the course (who would then mark their own work). */
export type AssignTutor = {
  type: 'AssignTutor';
  data: { courseId: string; tutorId: string; assignedBy?: string };
  tutorIsEnrolledLearner: boolean;
};

export type ReleaseTutor = {
  type: 'ReleaseTutor';
  data: { courseId: string; tutorId: string; reason: string };
};

export type CourseCommand =
  DefineCourse | ApproveCourse | ReviseCourse | ScheduleCourseWithdrawal | AssignTutor | ReleaseTutor;
