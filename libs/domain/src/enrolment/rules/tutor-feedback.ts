import type { Clock } from '../../shared/clock.js';
import type { DomainEvent } from '../../shared/decider.js';
import type { DeciderRule } from '../../shared/decider-rule.js';
import { StateConflict, Violations } from '../../shared/errors.js';
import { isText, TEXT_RULE } from '../../shared/text.js';
import { componentRule, isComponentOf, requireEnrolment } from '../enrolment.guards.js';
import type { EnrolmentState } from '../enrolment.state.js';

/** A tutor's written feedback on the latest attempt at a component: the learner sees it; it changes no mark. */
export type FeedbackGiven = DomainEvent<
  'FeedbackGiven',
  { enrolmentId: string; componentId: string; attempt: number; feedback: string; givenBy: string; givenAt: string }
>;
export type GiveFeedback = { type: 'GiveFeedback'; data: { componentId: string; feedback: string; givenBy: string } };

/** Feedback on work submitted, marked or not; later feedback on the same attempt replaces it. */
const decide = ({ data }: GiveFeedback, state: EnrolmentState, clock: Clock): FeedbackGiven[] => {
  const e = requireEnrolment(state);
  new Violations()
    .check(isComponentOf(e, data.componentId), 'componentId', componentRule(e))
    .check(isText(data.feedback), 'feedback', TEXT_RULE)
    .throwIfAny();
  const last = e.attempts[data.componentId]?.at(-1);
  if (!last) throw new StateConflict(`no work on ${data.componentId} has been submitted`);
  return [
    {
      type: 'FeedbackGiven',
      data: {
        enrolmentId: e.enrolmentId,
        componentId: data.componentId,
        attempt: last.attempt,
        feedback: data.feedback.trim(),
        givenBy: data.givenBy,
        givenAt: clock.now().toISOString(),
      },
    },
  ];
};

const evolve = (state: EnrolmentState, { data }: FeedbackGiven): EnrolmentState => {
  if (state.status === 'none') return state;
  const attempts = (state.attempts[data.componentId] ?? []).map((a) =>
    a.attempt === data.attempt
      ? { ...a, feedback: { text: data.feedback, givenBy: data.givenBy, givenAt: data.givenAt } }
      : a,
  );
  return { ...state, attempts: { ...state.attempts, [data.componentId]: attempts } };
};

export const tutorFeedback: DeciderRule<GiveFeedback, FeedbackGiven, EnrolmentState> = {
  commandTypes: ['GiveFeedback'],
  eventTypes: ['FeedbackGiven'],
  decide,
  evolve,
};
