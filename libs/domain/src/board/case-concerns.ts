import type { Enrolment } from '../enrolment/enrolment.state.js';
import { latestMarks } from '../enrolment/enrolment.state.js';
import { nearBoundary } from '../enrolment/grading.js';

/**
 * Why an enrolment's calculated outcome is not a clean case (design §2), for the board runner to
 * put in `OpenCase.concerns`. Empty means clean: delegated authority may confirm it at once.
 * (Recognised prior learning is not recorded on an enrolment yet, so it raises no concern here.)
 */
export const casePendingReasons = (e: Enrolment, boundaryMargin: number): string[] => {
  const reasons: string[] = [];
  if (e.outcome === null || latestMarks(e) === null) reasons.push('moderation is not complete');
  if (e.mitigatingCircumstances.length > 0) reasons.push('mitigating circumstances claimed');
  for (const appeal of e.appeals) reasons.push(`reopened on appeal ${appeal.appealId}: ${appeal.reason}`);
  if (e.integrityFlags.length > 0) reasons.push('academic integrity flag raised');
  if (e.outcome !== null && nearBoundary(e.outcome.weightedMark, e.scheme.passMark, boundaryMargin))
    reasons.push(`weighted mark ${e.outcome.weightedMark} is within ${boundaryMargin} of a pass or grade boundary`);
  return reasons;
};
