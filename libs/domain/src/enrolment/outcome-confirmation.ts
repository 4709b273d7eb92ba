import type { CoreEnrolmentEvent } from './enrolment.events.js';
import { requireEnrolment } from './enrolment.guards.js';
import type { EnrolmentState } from './enrolment.state.js';
import { gradeFor, type Outcome } from './grading.js';
import type { Clock } from '../shared/clock.js';
import { StateConflict, Violations } from '../shared/errors.js';
import { isMark, MARK_RULE } from '../shared/marks.js';
import { isNonBlank } from '../shared/text.js';
import type { ConfirmOutcome, OutcomeConfirmed } from './moderation.events.js';

type Judgment = Pick<OutcomeConfirmed['data'], 'result' | 'weightedMark' | 'grade' | 'amended'>;

/**
 * The confirmed result: the calculated one or, when the board amends the overall mark, one
 * recalculated from it. The board's academic judgment of the whole overrides the component
 * hurdles, so only the course pass mark applies to an amended mark.
 */
const judge = (outcome: Outcome, passMark: number, amendedMark: number | undefined): Judgment => {
  if (amendedMark === undefined)
    return {
      result: outcome.result === 'pass' ? 'pass' : 'fail',
      weightedMark: outcome.weightedMark,
      grade: outcome.grade,
      amended: false,
    };
  const passed = amendedMark >= passMark;
  return {
    result: passed ? 'pass' : 'fail',
    weightedMark: amendedMark,
    grade: passed ? gradeFor(amendedMark) : null,
    amended: true,
  };
};

/** The board's decision on the case, under delegated authority or by a quorum, recorded on the enrolment. */
export const confirmOutcome = ({ data }: ConfirmOutcome, state: EnrolmentState, clock: Clock): CoreEnrolmentEvent[] => {
  const e = requireEnrolment(state);
  new Violations()
    .check(isNonBlank(data.boardId), 'boardId', 'must be 1-200 characters')
    .check(isNonBlank(data.caseId), 'caseId', 'must be 1-200 characters')
    .check(typeof data.delegated === 'boolean', 'delegated', 'must be true or false')
    .check(isNonBlank(data.rationale, 2000), 'rationale', 'must be 1-2000 characters')
    .check(
      Number.isInteger(data.outcomeVersion) && data.outcomeVersion >= 1,
      'outcomeVersion',
      'must be a whole number from 1',
    )
    .check(data.amendedMark === undefined || isMark(data.amendedMark), 'amendedMark', MARK_RULE)
    .throwIfAny();
  // The runner may replay the board's decision: the same case confirming again changes nothing.
  if (e.confirmation !== null) {
    if (e.confirmation.caseId === data.caseId) return [];
    throw new StateConflict(`the outcome is already confirmed by case ${e.confirmation.caseId}`);
  }
  // The board decided what its case showed: anything changed since supersedes that decision.
  if (data.outcomeVersion !== e.outcomeVersion)
    throw new StateConflict(
      `case ${data.caseId} decided the outcome at version ${data.outcomeVersion}, but the enrolment has changed since (now at version ${e.outcomeVersion}): the decision is superseded`,
    );
  const outcome = e.outcome;
  if (outcome?.result === 'referral')
    throw new StateConflict(
      `cannot confirm a referral: ${outcome.referredComponents.join(', ')} may be attempted again`,
    );
  if (e.status !== 'assessed' || outcome === null)
    throw new StateConflict(`cannot confirm the outcome: enrolment is ${e.status}`);

  return [
    {
      type: 'OutcomeConfirmed',
      data: {
        enrolmentId: e.enrolmentId,
        learnerId: e.learnerId,
        courseId: e.courseId,
        boardId: data.boardId,
        caseId: data.caseId,
        outcomeVersion: data.outcomeVersion,
        ...judge(outcome, e.scheme.passMark, data.amendedMark),
        delegated: data.delegated,
        rationale: data.rationale.trim(),
        confirmedAt: clock.now().toISOString(),
      },
    },
  ];
};
