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
  };
};

export type ScheduleCourseWithdrawal = {
  type: 'ScheduleCourseWithdrawal';
  data: { courseId: string; withdrawnFrom: IsoDate; reason: string };
};

export type CourseCommand = DefineCourse | ScheduleCourseWithdrawal;
