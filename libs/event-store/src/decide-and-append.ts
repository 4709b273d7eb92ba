import { ConcurrencyConflict, type EventMetadata, type RecordedEvent, type StreamStore } from './event-store.port.js';

/** The parts of a decider this needs (structural, so the store library does not depend on the domain). */
export interface DeciderLike<Command, Event extends { type: string; data: unknown }, State> {
  initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, clock: { now(): Date }): Event[];
}

export interface Decided<Event, State> {
  /** The command's events: new ones, or those a crashed earlier run under the same idempotency key appended. */
  events: Event[];
  /** State after the new events. */
  state: State;
  /** Global position of the last appended event (the stream's last known position when nothing was appended). */
  position: number;
}

/** The events an earlier run of the command with this idempotency key appended to the stream, if any. */
const appendedEarlier = <Event>(recorded: RecordedEvent[], idempotencyKey: string | undefined): Event[] =>
  idempotencyKey === undefined
    ? []
    : recorded
        .filter((event) => event.metadata.idempotencyKey === idempotencyKey)
        .map((event) => ({ type: event.type, data: event.data }) as Event);

/**
 * The state after a stream's last event, per evolve function, keyed by that event object. A store
 * that keeps recently read streams in memory (the SQLite store) hands out the same event objects
 * again, so the next fold of that stream (the next command, the board runner's reaction) starts
 * from there and evolves only what was appended since. Sound because events are immutable and
 * deciders pure: evolve returns a new state and never changes the one it was given.
 */
const foldedStates = new WeakMap<object, WeakMap<RecordedEvent, unknown>>();

const fold = <Event extends { type: string; data: unknown }, State>(
  decider: Pick<DeciderLike<unknown, Event, State>, 'initialState' | 'evolve'>,
  recorded: RecordedEvent[],
): { state: State; version: number; position: number } => {
  let states = foldedStates.get(decider.evolve);
  if (!states) foldedStates.set(decider.evolve, (states = new WeakMap()));
  let from = recorded.length;
  while (from > 0 && !states.has(recorded[from - 1]!)) from--;
  let state = from > 0 ? (states.get(recorded[from - 1]!) as State) : decider.initialState;
  for (let i = from; i < recorded.length; i++) state = decider.evolve(state, recorded[i] as unknown as Event);
  const last = recorded.at(-1);
  if (last && from < recorded.length) {
    states.set(last, state);
    // One state per stream is enough: the one it came from is not needed again.
    if (from > 0) states.delete(recorded[from - 1]!);
  }
  return { state, version: recorded.length, position: last?.position ?? 0 };
};

export const loadState = async <Event extends { type: string; data: unknown }, State>(
  store: StreamStore,
  decider: Pick<DeciderLike<unknown, Event, State>, 'initialState' | 'evolve'>,
  streamId: string,
): Promise<{ state: State; version: number; position: number }> => fold(decider, await store.read(streamId));

/** The state after the stream's first `version` events: the stream as it stood at that version. */
export const loadStateAt = async <Event extends { type: string; data: unknown }, State>(
  store: StreamStore,
  decider: Pick<DeciderLike<unknown, Event, State>, 'initialState' | 'evolve'>,
  streamId: string,
  version: number,
): Promise<{ state: State; version: number; position: number }> =>
  fold(decider, (await store.read(streamId)).slice(0, version));

/**
 * A command handler's whole job: load the stream, fold, decide, append with the expected
 * version. A concurrent change to the same stream is retried once against the fresh state.
 */
export const decideAndAppend = async <Command, Event extends { type: string; data: unknown }, State>(
  store: StreamStore,
  clock: { now(): Date },
  decider: DeciderLike<Command, Event, State>,
  streamId: string,
  command: Command,
  metadata: () => EventMetadata,
  /** Throws (or rejects) to refuse; may read other streams, e.g. the course an enrolment belongs to. */
  authorize: (state: State) => void | Promise<void> = () => undefined,
): Promise<Decided<Event, State>> => {
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.read(streamId);
    const { state, version, position } = fold(decider, recorded);
    await authorize(state);
    const meta = metadata();
    // A retry of a command that took effect before its process died: answer as the first run did.
    const earlier = appendedEarlier<Event>(recorded, meta.idempotencyKey);
    if (earlier.length > 0) return { events: earlier, state, position };
    const events = decider.decide(command, state, clock);
    if (events.length === 0) return { events, state, position };
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

export interface Previewed<Event, State> {
  /** What the command would append (none when it was appended earlier under the same idempotency key). */
  events: Event[];
  /** State after those events. */
  state: State;
  /** True when an earlier run under the same idempotency key already appended the command's events. */
  appendedEarlier: boolean;
}

/**
 * decideAndAppend without the append: what the command would do to the stream now. `staged`, when
 * given, is the stream's state after commands previewed earlier in the same batch (not yet written).
 */
export const decideWithoutAppending = async <Command, Event extends { type: string; data: unknown }, State>(
  store: StreamStore,
  clock: { now(): Date },
  decider: DeciderLike<Command, Event, State>,
  streamId: string,
  command: Command,
  idempotencyKey: string | undefined,
  authorize: (state: State) => void | Promise<void> = () => undefined,
  staged?: State,
): Promise<Previewed<Event, State>> => {
  const recorded = staged === undefined ? await store.read(streamId) : [];
  const state = staged ?? fold(decider, recorded).state;
  await authorize(state);
  if (appendedEarlier(recorded, idempotencyKey).length > 0) return { events: [], state, appendedEarlier: true };
  const events = decider.decide(command, state, clock);
  return { events, state: events.reduce(decider.evolve, state), appendedEarlier: false };
};
