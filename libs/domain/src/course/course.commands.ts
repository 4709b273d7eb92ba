import type { IsoDate } from '../shared/dates.js';
import type { AssessmentComponent, CourseDefinition } from './course.events.js';

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
  };
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

export type CourseCommand = DefineCourse | ScheduleCourseWithdrawal | AssignTutor | ReleaseTutor;
