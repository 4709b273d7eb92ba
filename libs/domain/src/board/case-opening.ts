import type { EnrolmentState } from '../enrolment/enrolment.state.js';
import type { OpenCase } from './board.events.js';
import { casePendingReasons } from './case-concerns.js';

/**
 * The case to open for an enrolment's outcome, from the enrolment as it stood at that outcome's
 * version (the board runner folds the stream up to it): the outcome, its version and the concerns
 * the board sees. Undefined when no pass or fail stands there to decide.
 */
export const caseToOpen = (caseId: string, enrolment: EnrolmentState, boundaryMargin: number): OpenCase | undefined => {
  if (enrolment.status !== 'assessed' || enrolment.outcome === null || enrolment.outcome.result === 'referral')
    return undefined;
  return {
    type: 'OpenCase',
    data: {
      caseId,
      enrolmentId: enrolment.enrolmentId,
      learnerId: enrolment.learnerId,
      courseId: enrolment.courseId,
      outcome: enrolment.outcome,
      outcomeVersion: enrolment.outcomeVersion,
      concerns: casePendingReasons(enrolment, boundaryMargin),
    },
  };
};
