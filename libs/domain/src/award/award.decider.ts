import type { Clock } from '../shared/clock.js';
import { toIsoDate } from '../shared/dates.js';
import type { Decider } from '../shared/decider.js';
import { NotFound, StateConflict, Violations } from '../shared/errors.js';
import { isNonBlank, isText, TEXT_RULE } from '../shared/text.js';
import type { AwardCommand, AwardEvent, AwardInformation, IssueAward, RevokeAward } from './award.events.js';

export interface Revocation {
  reason: string;
  revokedBy: string;
  revokedAt: string;
}

/** An issued award keeps its information after revocation: the credential then shows it revoked. */
export type IssuedAward = AwardInformation & { status: 'issued'; revoked: Revocation | null };
export type AwardState = { status: 'none' } | IssuedAward;

export const initialAwardState: AwardState = { status: 'none' };

export const evolveAward = (state: AwardState, event: AwardEvent): AwardState => {
  switch (event.type) {
    case 'AwardIssued':
      return { ...event.data, status: 'issued', revoked: null };
    case 'AwardRevoked': {
      if (state.status === 'none') return state;
      const { reason, revokedBy, revokedAt } = event.data;
      return { ...state, revoked: { reason, revokedBy, revokedAt } };
    }
  }
};

/** The identifiers an award must carry to be traced back to its learner, enrolment and board decision. */
const REQUIRED_IDS = ['awardId', 'learnerId', 'enrolmentId', 'courseId', 'boardId', 'caseId'] as const;

const issue = ({ data }: IssueAward, state: AwardState, clock: Clock): AwardEvent[] => {
  const violations = new Violations();
  for (const field of REQUIRED_IDS) violations.check(isNonBlank(data[field]), field, 'must be 1-200 characters');
  violations.throwIfAny();
  // The relay issues an award for each confirmed pass and may replay: the same enrolment is a no-op.
  if (state.status !== 'none') {
    if (state.enrolmentId === data.enrolmentId) return [];
    throw new StateConflict(`award ${data.awardId} was already issued for enrolment ${state.enrolmentId}`);
  }
  return [{ type: 'AwardIssued', data: { ...data, issuedOn: toIsoDate(clock.now()) } }];
};

const revoke = ({ data }: RevokeAward, state: AwardState, clock: Clock): AwardEvent[] => {
  if (state.status === 'none') throw new NotFound('award not found');
  new Violations()
    .check(isText(data.reason), 'reason', TEXT_RULE)
    .check(isNonBlank(data.revokedBy), 'revokedBy', 'must be 1-200 characters')
    .throwIfAny();
  if (state.revoked)
    throw new StateConflict(`award ${state.awardId} was already revoked on ${state.revoked.revokedAt}`);
  return [
    {
      type: 'AwardRevoked',
      data: {
        awardId: state.awardId,
        learnerId: state.learnerId,
        reason: data.reason.trim(),
        revokedBy: data.revokedBy.trim(),
        revokedAt: clock.now().toISOString(),
      },
    },
  ];
};

const decide = (command: AwardCommand, state: AwardState, clock: Clock): AwardEvent[] => {
  switch (command.type) {
    case 'IssueAward':
      return issue(command, state, clock);
    case 'RevokeAward':
      return revoke(command, state, clock);
  }
};

export const awardDecider: Decider<AwardCommand, AwardEvent, AwardState> = {
  initialState: initialAwardState,
  evolve: evolveAward,
  decide,
};
