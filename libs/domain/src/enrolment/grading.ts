import type { AssessmentComponent } from '../course/course.events.js';

/** The course's assessment rules, captured at enrolment: later course edits never regrade a learner. */
export interface AssessmentScheme {
  passMark: number;
  maxAttempts: number;
  components: AssessmentComponent[];
}

export type Grade = 'Distinction' | 'Merit' | 'Pass';
export type Result = 'pass' | 'fail' | 'referral';

export const DISTINCTION_FROM = 70;
export const MERIT_FROM = 60;

export interface ComponentResult {
  componentId: string;
  attempt: number;
  mark: number;
  passed: boolean;
}

export interface Outcome {
  result: Result;
  weightedMark: number;
  grade: Grade | null;
  components: ComponentResult[];
  /** Components the learner may attempt again (a referral), empty unless result is referral. */
  referredComponents: string[];
  /** Why the result was reached when it is not simply the marks (e.g. a lapsed referral). */
  note: string | null;
}

export interface LatestMark {
  attempt: number;
  mark: number;
}

export const gradeFor = (weightedMark: number): Grade =>
  weightedMark >= DISTINCTION_FROM ? 'Distinction' : weightedMark >= MERIT_FROM ? 'Merit' : 'Pass';

/** True when `mark` is within `margin` (inclusive, either side) of any of `boundaries`. */
export const isWithinMarginOf = (mark: number, boundaries: readonly number[], margin: number): boolean =>
  boundaries.some((boundary) => Math.abs(mark - boundary) <= margin);

/**
 * A weighted mark this close to the pass mark or a grade threshold is not a clean case: a small
 * marking error could change the result or grade, so the board looks at it (design §2).
 */
export const nearBoundary = (weightedMark: number, passMark: number, margin: number): boolean =>
  isWithinMarginOf(weightedMark, [passMark, MERIT_FROM, DISTINCTION_FROM], margin);

/**
 * Weighted mark rounded half up. Weights and marks are whole numbers, so the sum of products is
 * exact and the rounding needs no floating point.
 */
export const weightedMarkOf = (scheme: AssessmentScheme, marks: ReadonlyMap<string, LatestMark>): number => {
  const hundredths = scheme.components.reduce((sum, c) => sum + c.weight * (marks.get(c.id)?.mark ?? 0), 0);
  return Math.floor((hundredths + 50) / 100);
};

/** The outcome once every component has a final mark. */
export const calculateOutcome = (scheme: AssessmentScheme, marks: ReadonlyMap<string, LatestMark>): Outcome => {
  const weightedMark = weightedMarkOf(scheme, marks);
  const components = scheme.components.map((c): ComponentResult => {
    const latest = marks.get(c.id);
    if (!latest) throw new Error(`component ${c.id} has no mark`);
    return { componentId: c.id, attempt: latest.attempt, mark: latest.mark, passed: latest.mark >= c.passMark };
  });
  const overallPassed = weightedMark >= scheme.passMark;
  if (overallPassed && components.every((c) => c.passed)) {
    return {
      result: 'pass',
      weightedMark,
      grade: gradeFor(weightedMark),
      components,
      referredComponents: [],
      note: null,
    };
  }
  // Components to reassess: those below their own pass mark or, when each met its own but the
  // weighted mark still fails, those below the course pass mark.
  const failing = components.some((c) => !c.passed)
    ? components.filter((c) => !c.passed)
    : components.filter((c) => c.mark < scheme.passMark);
  const canRetakeAll = failing.every((c) => c.attempt < scheme.maxAttempts);
  return {
    result: canRetakeAll ? 'referral' : 'fail',
    weightedMark,
    grade: null,
    components,
    referredComponents: canRetakeAll ? failing.map((c) => c.componentId) : [],
    note: null,
  };
};
