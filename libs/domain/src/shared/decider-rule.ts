import type { Clock } from './clock.js';
import type { Decider, DomainEvent } from './decider.js';

/** What every command and event has: the name a decider dispatches on. */
export interface Typed {
  type: string;
}

/**
 * One feature of an aggregate in one file: the commands it takes, the events it decides, and how
 * those events change the aggregate's state. `withRule` composes it into the aggregate's decider.
 */
export interface DeciderRule<Command extends Typed, Event extends DomainEvent, State> {
  commandTypes: readonly Command['type'][];
  eventTypes: readonly Event['type'][];
  decide(command: Command, state: State, clock: Clock): Event[];
  evolve(state: State, event: Event): State;
}

const isOneOf = <T extends Typed>(types: readonly T['type'][], message: Typed): message is T =>
  types.some((type) => type === message.type);

/** The decider that also takes the rule's commands and applies its events; everything else is the decider's. */
export const withRule = <C extends Typed, E extends DomainEvent, S, RC extends Typed, RE extends DomainEvent>(
  decider: Decider<C, E, S>,
  rule: DeciderRule<RC, RE, S>,
): Decider<C | RC, E | RE, S> => ({
  initialState: decider.initialState,
  evolve: (state, event) =>
    isOneOf<RE>(rule.eventTypes, event) ? rule.evolve(state, event) : decider.evolve(state, event),
  decide: (command, state, clock) =>
    isOneOf<RC>(rule.commandTypes, command) ? rule.decide(command, state, clock) : decider.decide(command, state, clock),
});
