import type { CourseState } from '../course/course.decider.js';
import type { Level } from '../course/qualification-frameworks.js';
import type { DomainEvent } from '../shared/decider.js';

/** The capstone draws the micro-credentials together (QAA 2022, 5.2 (2)); code and title name it in reasons. */
export interface CapstoneCourse {
  courseId: string;
  code: string;
  title: string;
}

/** The rules a learner's credits must meet to stack into a macro-credential. */
export interface PathwayDefinition {
  pathwayId: string;
  /** The target award, e.g. 'PgCert Data Science'. */
  title: string;
  awardingBody: string;
  level: Level;
  totalCredits: number;
  minCreditsAtLevel: number;
  capstone: CapstoneCourse | null;
  /** Courses of ours whose awards count (the capstone is always among them). */
  allowedCourseIds: string[];
  /** Providers whose transfer credit is accepted under a consortium agreement (QAA 2022, 5.2 (1)). */
  consortiumPartners: string[];
  maxRplProportion: number;
  /** The RPL/transfer cap in credits, worked out once so every reader agrees on the rounding. */
  rplCapCredits: number;
  creditAgeLimitYears: number;
  /** True when the credit shelf-life is set aside for this pathway (QAA 2022, 4.3 (3)). */
  ageLimitSetAside: boolean;
}

export type PathwayDefined = DomainEvent<
  'PathwayDefined',
  PathwayDefinition & { definedBy: string; definedAt: string }
>;
export type PathwayEvent = PathwayDefined;

export type DefinePathway = {
  type: 'DefinePathway';
  data: {
    pathwayId: string;
    title: string;
    awardingBody: string;
    level: Level;
    totalCredits: number;
    minCreditsAtLevel: number;
    capstoneCourseId?: string | null;
    allowedCourseIds: string[];
    consortiumPartners?: string[];
    maxRplProportion?: number;
    creditAgeLimitYears?: number;
    setAside?: boolean;
    definedBy: string;
  };
  /** The courses the definition names, loaded by the shell (unknown ids fold to `none`). */
  courses: Record<string, CourseState>;
};
export type PathwayCommand = DefinePathway;
