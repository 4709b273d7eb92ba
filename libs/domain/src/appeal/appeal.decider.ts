import type { Clock } from '../shared/clock.js';
import { addDays, toIsoDate } from '../shared/dates.js';
import type { Decider } from '../shared/decider.js';
import { Forbidden, NotFound, StateConflict, Violations } from '../shared/errors.js';
import { isNonBlank, isText, TEXT_RULE } from '../shared/text.js';
import type {
  AcknowledgeAppeal,
  AppealCommand,
  DecideAppeal,
  LodgeAppeal,
  StartAppealReview,
} from './appeal.commands.js';
import { APPEAL_GROUNDS, APPEAL_REMEDIES, type AppealEvent } from './appeal.events.js';
import { evolveAppeal, initialAppealState, type Appeal, type AppealState, type AppealStatus } from './appeal.state.js';

/** The registry's default: an appeal is lodged within 28 days of the board's confirmed decision. */
export const DEFAULT_APPEAL_WINDOW_DAYS = 28;
export const MAX_APPEAL_STATEMENT_LENGTH = 4000;
export const APPEAL_STATEMENT_RULE = `must be 1-${MAX_APPEAL_STATEMENT_LENGTH} characters`;
export const APPEAL_GROUNDS_RULE = `must be one or more of ${APPEAL_GROUNDS.join(', ')}, each once`;
export const APPEAL_REMEDY_RULE = `is required to uphold an appeal and must be one of ${APPEAL_REMEDIES.join(', ')}`;
export const APPEAL_OWN_DECISION_RULE = 'only the learner the decision is about may appeal it';
export const APPEAL_REVIEWER_INDEPENDENCE_RULE =
  'the reviewer must not be a member of the board that took the decision';
export const APPEAL_REVIEWER_ONLY_RULE = 'only the reviewer of the appeal may decide it';

/** The last day a learner may appeal a decision confirmed at `confirmedAt` (an ISO timestamp). */
export const appealWindowClosesOn = (confirmedAt: string, windowDays: number): string =>
  addDays(toIsoDate(new Date(confirmedAt)), windowDays);

export const areAppealGrounds = (grounds: unknown): boolean =>
  Array.isArray(grounds) &&
  grounds.length > 0 &&
  new Set(grounds).size === grounds.length &&
  grounds.every((g) => (APPEAL_GROUNDS as readonly unknown[]).includes(g));

const requireAppeal = (state: AppealState): Appeal => {
  if (state.status === 'none') throw new NotFound('appeal not found');
  return state;
};

const requireStatus = (appeal: Appeal, status: AppealStatus, action: string): void => {
  if (appeal.status !== status)
    throw new StateConflict(`cannot ${action}: the appeal is ${appeal.status}, not ${status}`);
};

const lodge = (command: LodgeAppeal, state: AppealState, clock: Clock): AppealEvent[] => {
  const { data, decision } = command;
  new Violations()
    .check(areAppealGrounds(data.grounds), 'grounds', APPEAL_GROUNDS_RULE)
    .check(isNonBlank(data.statement, MAX_APPEAL_STATEMENT_LENGTH), 'statement', APPEAL_STATEMENT_RULE)
    .throwIfAny();
  if (decision === null) throw new StateConflict('the enrolment has no confirmed board decision to appeal');
  if (decision.learnerId !== command.lodgedBy) throw new Forbidden(APPEAL_OWN_DECISION_RULE);
  if (state.status !== 'none')
    throw new StateConflict(`the decision of case ${decision.caseId} is already under appeal`, {
      appealId: state.appealId,
    });
  const windowClosesOn = appealWindowClosesOn(decision.confirmedAt, command.windowDays);
  const now = clock.now();
  if (toIsoDate(now) > windowClosesOn)
    throw new StateConflict(
      `the appeal window closed on ${windowClosesOn} (${command.windowDays} days after the decision)`,
    );
  return [
    {
      type: 'AppealLodged',
      data: {
        appealId: data.appealId,
        decision,
        grounds: data.grounds,
        statement: data.statement.trim(),
        lodgedAt: now.toISOString(),
        windowClosesOn,
      },
    },
  ];
};

const acknowledge = ({ data }: AcknowledgeAppeal, state: AppealState, clock: Clock): AppealEvent[] => {
  const appeal = requireAppeal(state);
  new Violations().check(isNonBlank(data.acknowledgedBy), 'acknowledgedBy', 'must be 1-200 characters').throwIfAny();
  requireStatus(appeal, 'lodged', 'acknowledge the appeal');
  return [
    {
      type: 'AppealAcknowledged',
      data: {
        appealId: appeal.appealId,
        learnerId: appeal.decision.learnerId,
        acknowledgedBy: data.acknowledgedBy,
        acknowledgedAt: clock.now().toISOString(),
      },
    },
  ];
};

const startReview = (command: StartAppealReview, state: AppealState, clock: Clock): AppealEvent[] => {
  const appeal = requireAppeal(state);
  const { reviewerId } = command.data;
  new Violations().check(isNonBlank(reviewerId), 'reviewerId', 'must be 1-200 characters').throwIfAny();
  requireStatus(appeal, 'acknowledged', 'review the appeal');
  if (command.boardMemberIds.includes(reviewerId)) throw new Forbidden(APPEAL_REVIEWER_INDEPENDENCE_RULE);
  return [
    {
      type: 'AppealReviewStarted',
      data: {
        appealId: appeal.appealId,
        learnerId: appeal.decision.learnerId,
        reviewerId,
        startedAt: clock.now().toISOString(),
      },
    },
  ];
};

const decideAppeal = (command: DecideAppeal, state: AppealState, clock: Clock): AppealEvent[] => {
  const appeal = requireAppeal(state);
  const { data } = command;
  const remoderating = data.upheld && data.remedy === 're-moderate';
  const components = appeal.decision.componentIds;
  new Violations()
    .check(typeof data.upheld === 'boolean', 'upheld', 'must be true or false')
    .check(
      data.upheld ? APPEAL_REMEDIES.includes(data.remedy!) : data.remedy === undefined,
      'remedy',
      data.upheld ? APPEAL_REMEDY_RULE : 'must be left out when the appeal is not upheld',
    )
    .check(
      remoderating ? components.includes(data.componentId!) : data.componentId === undefined,
      'componentId',
      remoderating
        ? `is required to re-moderate and must be one of ${components.join(', ')}`
        : 'is only given to re-moderate a mark',
    )
    .check(isText(data.rationale), 'rationale', TEXT_RULE)
    .throwIfAny();
  requireStatus(appeal, 'under-review', 'decide the appeal');
  if (command.decidedBy !== appeal.reviewerId) throw new Forbidden(APPEAL_REVIEWER_ONLY_RULE);
  const decided = {
    appealId: appeal.appealId,
    learnerId: appeal.decision.learnerId,
    enrolmentId: appeal.decision.enrolmentId,
    rationale: data.rationale.trim(),
    decidedBy: command.decidedBy,
    decidedAt: clock.now().toISOString(),
  };
  if (!data.upheld) return [{ type: 'AppealNotUpheld', data: decided }];
  return [
    {
      type: 'AppealUpheld',
      data: {
        ...decided,
        caseId: appeal.decision.caseId,
        remedy: data.remedy!,
        componentId: data.componentId ?? null,
      },
    },
  ];
};

const decide = (command: AppealCommand, state: AppealState, clock: Clock): AppealEvent[] => {
  switch (command.type) {
    case 'LodgeAppeal':
      return lodge(command, state, clock);
    case 'AcknowledgeAppeal':
      return acknowledge(command, state, clock);
    case 'StartAppealReview':
      return startReview(command, state, clock);
    case 'DecideAppeal':
      return decideAppeal(command, state, clock);
  }
};

export const appealDecider: Decider<AppealCommand, AppealEvent, AppealState> = {
  initialState: initialAppealState,
  evolve: evolveAppeal,
  decide,
};
