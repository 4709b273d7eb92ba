import type { Clock } from '../shared/clock.js';
import type { Decider } from '../shared/decider.js';
import { StateConflict, Violations } from '../shared/errors.js';
import { isEmail, isNonBlank } from '../shared/text.js';
import type { LearnerCommand, LearnerDetails, LearnerEvent } from './learner.events.js';

export type LearnerState = { status: 'none' } | ({ status: 'registered' } & LearnerDetails);

const evolve = (_state: LearnerState, event: LearnerEvent): LearnerState => {
  switch (event.type) {
    case 'LearnerRegistered': {
      const { registeredAt: _registeredAt, ...details } = event.data;
      return { status: 'registered', ...details };
    }
  }
};

const decide = (command: LearnerCommand, state: LearnerState, clock: Clock): LearnerEvent[] => {
  const { data } = command;
  new Violations()
    .check(isNonBlank(data.givenName, 100), 'givenName', 'must be 1-100 characters')
    .check(isNonBlank(data.familyName, 100), 'familyName', 'must be 1-100 characters')
    .check(isEmail(typeof data.email === 'string' ? data.email.trim() : data.email), 'email', 'must be an email address')
    .throwIfAny();
  if (state.status !== 'none') throw new StateConflict(`learner ${data.learnerId} is already registered`);
  return [
    {
      type: 'LearnerRegistered',
      data: {
        learnerId: data.learnerId,
        givenName: data.givenName.trim(),
        familyName: data.familyName.trim(),
        email: data.email.trim().toLowerCase(),
        registeredAt: clock.now().toISOString(),
      },
    },
  ];
};

export const learnerDecider: Decider<LearnerCommand, LearnerEvent, LearnerState> = {
  initialState: { status: 'none' },
  evolve,
  decide,
};
