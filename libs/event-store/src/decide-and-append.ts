import { ConcurrencyConflict, type EventMetadata, type EventStore } from './event-store.port.js';

/** The parts of a decider this needs (structural, so the store library does not depend on the domain). */
export interface DeciderLike<Command, Event extends { type: string; data: unknown }, State> {
  initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, clock: { now(): Date }): Event[];
}

export interface Decided<Event, State> {
  events: Event[];
  /** State after the new events. */
  state: State;
  /** Global position of the last appended event (the stream's last known position when nothing was appended). */
  position: number;
}

export const loadState = async <Event extends { type: string; data: unknown }, State>(
  store: EventStore,
  decider: Pick<DeciderLike<unknown, Event, State>, 'initialState' | 'evolve'>,
  streamId: string,
): Promise<{ state: State; version: number; position: number }> => {
  const recorded = await store.read(streamId);
  const state = recorded.reduce((s, e) => decider.evolve(s, e as unknown as Event), decider.initialState);
  return { state, version: recorded.length, position: recorded.at(-1)?.position ?? 0 };
};

/**
 * A command handler's whole job: load the stream, fold, decide, append with the expected
 * version. A concurrent change to the same stream is retried once against the fresh state.
 */
export const decideAndAppend = async <Command, Event extends { type: string; data: unknown }, State>(
  store: EventStore,
  clock: { now(): Date },
  decider: DeciderLike<Command, Event, State>,
  streamId: string,
  command: Command,
  metadata: () => EventMetadata,
  authorize: (state: State) => void = () => undefined,
): Promise<Decided<Event, State>> => {
  for (let attempt = 1; ; attempt++) {
    const { state, version, position } = await loadState(store, decider, streamId);
    authorize(state);
    const events = decider.decide(command, state, clock);
    if (events.length === 0) return { events, state, position };
    const meta = metadata();
    try {
      const appended = await store.append(
        streamId,
        events.map((e) => ({ type: e.type, data: e.data, metadata: meta })),
        version === 0 ? 'no-stream' : version,
      );
      return { events, state: events.reduce(decider.evolve, state), position: appended.lastPosition };
    } catch (error) {
      if (error instanceof ConcurrencyConflict && attempt === 1) continue;
      throw error;
    }
  }
};
