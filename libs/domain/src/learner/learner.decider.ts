import type { Clock } from '../shared/clock.js';
import type { Decider } from '../shared/decider.js';
import { NotFound, StateConflict, Violations } from '../shared/errors.js';
import { isEmail, isNonBlank, isText, TEXT_RULE } from '../shared/text.js';
import type {
  EraseLearner,
  LearnerCommand,
  LearnerEvent,
  LearnerPersonalData,
  LearnerRegistered,
  RegisterLearner,
} from './learner.events.js';
import { ERASED_TEXT } from './personal-text.js';

export type RegisteredLearner = { status: 'registered'; learnerId: string } & LearnerPersonalData;
/** An erased learner keeps their id (their records stay) and the erasure's own facts, nothing personal. */
export type ErasedLearner = { status: 'erased'; learnerId: string; reason: string; erasedBy: string; erasedAt: string };
export type LearnerState = { status: 'none' } | RegisteredLearner | ErasedLearner;

/** Events stored before sealing existed have plain-text names and no `fullName`: derive it as registration does. */
const fullNameOf = ({ fullName, givenName, familyName }: LearnerRegistered['data']) =>
  fullName ??
  (typeof givenName === 'string' && typeof familyName === 'string' ? `${givenName} ${familyName}` : ERASED_TEXT);

const evolve = (state: LearnerState, event: LearnerEvent): LearnerState => {
  switch (event.type) {
    case 'LearnerRegistered': {
      const { learnerId, givenName, familyName, email } = event.data;
      return { status: 'registered', learnerId, givenName, familyName, email, fullName: fullNameOf(event.data) };
    }
    case 'LearnerErased': {
      const { learnerId, reason, erasedBy, erasedAt } = event.data;
      return state.status === 'none' ? state : { status: 'erased', learnerId, reason, erasedBy, erasedAt };
    }
  }
};

export const MAX_NAME_LENGTH = 100;
const NAME_RULE = `must be 1-${MAX_NAME_LENGTH} characters`;

const register = ({ data, sameEmailAs = [] }: RegisterLearner, state: LearnerState, clock: Clock): LearnerEvent[] => {
  new Violations()
    .check(isNonBlank(data.givenName, MAX_NAME_LENGTH), 'givenName', NAME_RULE)
    .check(isNonBlank(data.familyName, MAX_NAME_LENGTH), 'familyName', NAME_RULE)
    .check(
      isEmail(typeof data.email === 'string' ? data.email.trim() : data.email),
      'email',
      'must be an email address',
    )
    .throwIfAny();
  if (state.status !== 'none') throw new StateConflict(`learner ${data.learnerId} is already registered`);
  const [existing] = sameEmailAs;
  if (existing !== undefined && data.confirmedNewPerson !== true)
    throw new StateConflict(
      `email is already registered to learner ${existing}: enrol that learner, or send confirmedNewPerson: true to register someone else who shares it`,
      { existingLearnerId: existing },
    );
  const givenName = data.givenName.trim();
  const familyName = data.familyName.trim();
  return [
    {
      type: 'LearnerRegistered',
      data: {
        learnerId: data.learnerId,
        givenName,
        familyName,
        email: data.email.trim().toLowerCase(),
        fullName: `${givenName} ${familyName}`,
        registeredAt: clock.now().toISOString(),
      },
    },
  ];
};

const erase = ({ data }: EraseLearner, state: LearnerState, clock: Clock): LearnerEvent[] => {
  if (state.status === 'none') throw new NotFound(`learner ${data.learnerId} not found`);
  new Violations()
    .check(isText(data.reason), 'reason', TEXT_RULE)
    .check(isNonBlank(data.erasedBy), 'erasedBy', 'must be 1-200 characters')
    .throwIfAny();
  if (state.status === 'erased')
    throw new StateConflict(`learner ${state.learnerId} was already erased on ${state.erasedAt}`);
  return [
    {
      type: 'LearnerErased',
      data: {
        learnerId: state.learnerId,
        reason: data.reason.trim(),
        erasedBy: data.erasedBy.trim(),
        erasedAt: clock.now().toISOString(),
      },
    },
  ];
};

const decide = (command: LearnerCommand, state: LearnerState, clock: Clock): LearnerEvent[] => {
  switch (command.type) {
    case 'RegisterLearner':
      return register(command, state, clock);
    case 'EraseLearner':
      return erase(command, state, clock);
  }
};

export const learnerDecider: Decider<LearnerCommand, LearnerEvent, LearnerState> = {
  initialState: { status: 'none' },
  evolve,
  decide,
};
