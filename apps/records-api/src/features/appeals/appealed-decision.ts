import { nameBasedId } from '#event-store';
import type { AppealedDecision, EnrolmentState } from '#domain';

/** One appeal per confirmed decision: its id is derived from the enrolment and the deciding case. */
export const appealIdFor = (enrolmentId: string, caseId: string): string =>
  nameBasedId('credence:appeal', enrolmentId, caseId);

/** The board's confirmed decision on the enrolment, as an appeal records it; null when none stands. */
export const appealedDecisionOf = (state: EnrolmentState): AppealedDecision | null => {
  if (state.status === 'none' || state.confirmation === null) return null;
  const { boardId, caseId, result, weightedMark, grade, confirmedAt } = state.confirmation;
  return {
    enrolmentId: state.enrolmentId,
    learnerId: state.learnerId,
    courseId: state.courseId,
    boardId,
    caseId,
    result,
    weightedMark,
    grade,
    confirmedAt,
    componentIds: state.scheme.components.map((c) => c.id),
  };
};
