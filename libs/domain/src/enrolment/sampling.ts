import { DISTINCTION_FROM, isWithinMarginOf, MERIT_FROM } from './grading.js';
import type { SamplingReason } from './moderation.events.js';

/**
 * Rolling moderation sampling, per marker (design §2). Micro-credential learners finish one at a
 * time, so there is no cohort to draw a sample from at the end of term (QAA 2022 §7.3): each mark
 * is classified the moment it is recorded, from the mark itself and a count the caller keeps of
 * that marker's "other" marks (those neither failing nor near a boundary).
 *
 * - every fail is sampled;
 * - every mark within `boundaryMargin` (inclusive) of the pass mark or a grade threshold is sampled;
 * - of the rest, every `everyNth` is sampled (the 10th, 20th, ... by default): at least 1 in N,
 *   and deterministic, so replaying the same marks in the same order samples the same marks.
 */
export interface SamplingPolicy {
  /** Sample the Nth, 2Nth, ... of each marker's other marks. */
  everyNth: number;
  /** Marks this close to a boundary (either side, inclusive) are sampled. */
  boundaryMargin: number;
}

export const DEFAULT_SAMPLING: SamplingPolicy = { everyNth: 10, boundaryMargin: 3 };

export interface MarkToClassify {
  mark: number;
  componentPassMark: number;
  /** The boundaries the mark may sit near: see `boundariesFor`. */
  boundaries: number[];
  /** How many of this marker's other marks were classified before this one. */
  otherMarksSoFar: number;
}

export interface SamplingDecision {
  /** Why the mark is sampled, or null when it is released as final. */
  reason: SamplingReason | null;
  /** Whether the caller must add one to the marker's count of other marks. */
  countsAsOther: boolean;
}

/** The component's pass mark and the grade thresholds, ascending and without repeats. */
export const boundariesFor = (componentPassMark: number): number[] =>
  [...new Set([componentPassMark, MERIT_FROM, DISTINCTION_FROM])].sort((a, b) => a - b);

export const classifyMark = (input: MarkToClassify, policy: SamplingPolicy = DEFAULT_SAMPLING): SamplingDecision => {
  // A policy that samples nothing systematically would break the "at least 1 in N" promise.
  if (!Number.isInteger(policy.everyNth) || policy.everyNth < 1)
    throw new RangeError(`everyNth must be a whole number of at least 1, not ${policy.everyNth}`);
  if (!(policy.boundaryMargin >= 0))
    throw new RangeError(`boundaryMargin must not be negative, not ${policy.boundaryMargin}`);

  if (input.mark < input.componentPassMark) return { reason: 'fail', countsAsOther: false };
  if (isWithinMarginOf(input.mark, input.boundaries, policy.boundaryMargin))
    return { reason: 'near-boundary', countsAsOther: false };
  const systematic = (input.otherMarksSoFar + 1) % policy.everyNth === 0;
  return { reason: systematic ? 'systematic' : null, countsAsOther: true };
};

export const SAMPLING_REASONS: readonly SamplingReason[] = ['fail', 'near-boundary', 'systematic'];
