import type { Clock } from './clock.js';

/** A domain event: a past-tense fact with its data. Metadata is added by the shell. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** The Emmett-style decider: all behaviour of one aggregate, as pure functions. */
export interface Decider<Command, Event extends DomainEvent, State> {
  initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, clock: Clock): Event[];
}

/** A state whose stream has begun: every read model document is one (`none` is never stored). */
export type Defined<S extends { status: string }> = Exclude<S, { status: 'none' }>;

export const fold = <Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State => events.reduce(decider.evolve, decider.initialState);

/**
 * Several commands decided as one (a submission and its mark from one row of a mark sheet): each
 * is decided on the state the previous one's events left, and the whole list appends all or nothing.
 */
export const inSequence = <Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
): Decider<readonly Command[], Event, State> => ({
  initialState: decider.initialState,
  evolve: decider.evolve,
  decide: (commands, state, clock) => {
    const events: Event[] = [];
    let current = state;
    for (const command of commands) {
      const decided = decider.decide(command, current, clock);
      events.push(...decided);
      current = decided.reduce(decider.evolve, current);
    }
    return events;
  },
});
