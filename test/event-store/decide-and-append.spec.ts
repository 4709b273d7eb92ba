import { ConcurrencyConflict, decideAndAppend, loadState, SqliteEventStore, type DeciderLike } from '#event-store';
import { raceReads } from '../support/racing-reads.js';

/**
 * Optimistic concurrency one level below HTTP: deciders racing on one stream version. A tiny
 * decider of "seats" keeps the rules out of the way: a seat can be taken once.
 */
type Take = { type: 'Take'; seat: string };
type Taken = { type: 'Taken'; data: { seat: string } };
type Seats = { taken: string[] };

class SeatTaken extends Error {}

const seats: DeciderLike<Take, Taken, Seats> = {
  initialState: { taken: [] },
  // The stream opens with an 'Opened' event this decider does not know.
  evolve: (state, event) => (event.type === 'Taken' ? { taken: [...state.taken, event.data.seat] } : state),
  decide: (command, state) => {
    if (state.taken.includes(command.seat)) throw new SeatTaken(`seat ${command.seat} is taken`);
    return [{ type: 'Taken', data: { seat: command.seat } }];
  },
};

const STREAM = 'hall-1';
const clock = { now: () => new Date('2026-11-23T09:00:00Z') };
const metadata = () => ({
  actor: 't',
  role: 'registry',
  correlationId: 'c',
  causationId: null,
  occurredAt: clock.now().toISOString(),
});

describe('decideAndAppend under a race', () => {
  let store: SqliteEventStore;

  beforeEach(async () => {
    store = SqliteEventStore.open({ path: ':memory:' });
    await store.append(STREAM, [{ type: 'Opened', data: {}, metadata: metadata() }], 'no-stream');
  });
  afterEach(async () => {
    await store.close();
  });

  const take = (seat: string, authorize?: (state: Seats) => void | Promise<void>) =>
    decideAndAppend(store, clock, seats, STREAM, { type: 'Take', seat }, metadata, authorize);

  it('two deciders on one expected version: the store takes one append and throws ConcurrencyConflict at the other', async () => {
    const race = raceReads(store, { parties: 2, streamId: STREAM });

    const results = await Promise.allSettled([take('A1'), take('A1')]);

    expect(race.allArrived).toBe(true);
    expect(race.conflicts).toHaveLength(1);
    expect(race.conflicts[0]).toMatchObject({ streamId: STREAM, expected: 1, actual: 2 });
    expect(race.appends).toBe(1);
    // The loser was retried once against the fresh state, where the decider itself refuses.
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(SeatTaken);
    expect((await store.read(STREAM)).map((e) => e.type)).toEqual(['Opened', 'Taken']);
    race.restore();
  });

  it('retries the loser once, so two compatible commands both land, versions contiguous', async () => {
    const race = raceReads(store, { parties: 2, streamId: STREAM });

    const results = await Promise.all([take('A1'), take('B2')]);

    expect(race.conflicts).toHaveLength(1);
    expect(race.appends).toBe(2);
    expect(results.map((r) => r.state.taken.length).sort()).toEqual([1, 2]);
    const events = await store.read(STREAM);
    expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(
      events
        .slice(1)
        .map((e) => (e.data as { seat: string }).seat)
        .sort(),
    ).toEqual(['A1', 'B2']);
    race.restore();
  });

  it('retries only once: a second conflict in a row reaches the caller', async () => {
    const ownRead = store.read.bind(store);
    let reads = 0;
    // Another writer slips in after every read of this command.
    store.read = async (id) => {
      const events = await ownRead(id);
      reads++;
      await store.append(STREAM, [{ type: 'Taken', data: { seat: `other-${reads}` }, metadata: metadata() }], 'any');
      return events;
    };

    await expect(take('A1')).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect(reads).toBe(2);
  });

  it('awaits an async authorize on every attempt, and appends nothing when it refuses', async () => {
    const race = raceReads(store, { parties: 2, streamId: STREAM });
    const seen: number[] = [];
    const authorize = async (state: Seats) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(state.taken.length);
    };

    await Promise.all([take('A1', authorize), take('B2', authorize)]);
    race.restore();

    // Both first attempts saw no seat taken; the retried one was authorized again on the fresh state.
    expect(seen.sort()).toEqual([0, 0, 1]);
    const head = await store.headPosition();
    const refusal = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error('not yours');
    };
    await expect(take('C3', refusal)).rejects.toThrow('not yours');
    expect(await store.headPosition()).toBe(head);
  });
});

describe('folding a stream again', () => {
  /** The seats decider, counting the events it evolves. */
  const counting = () => {
    const counter = { evolved: 0 };
    const decider: DeciderLike<Take, Taken, Seats> = {
      ...seats,
      evolve: (state, event) => {
        counter.evolved++;
        return seats.evolve(state, event);
      },
    };
    return { decider, counter };
  };
  const taken = (seat: string) => ({ type: 'Taken', data: { seat }, metadata: metadata() });

  it('evolves only the events appended since the last fold when the store hands out the same events', async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    const { decider, counter } = counting();
    await store.append(STREAM, [taken('A1'), taken('A2'), taken('A3')], 'no-stream');
    expect((await loadState(store, decider, STREAM)).state).toEqual({ taken: ['A1', 'A2', 'A3'] });
    expect(counter.evolved).toBe(3);

    await decideAndAppend(store, clock, decider, STREAM, { type: 'Take', seat: 'B1' }, metadata);
    expect(counter.evolved).toBe(4); // the command's own new event, on the state it decided on
    await store.append(STREAM, [taken('C1')], 4);
    const { state, version } = await loadState(store, decider, STREAM);

    expect(state).toEqual({ taken: ['A1', 'A2', 'A3', 'B1', 'C1'] });
    expect(version).toBe(5);
    expect(counter.evolved).toBe(6); // B1 and C1: A1-A3 were not evolved again
    expect((await loadState(store, decider, STREAM)).state).toEqual(state);
    expect(counter.evolved).toBe(6);
    await store.close();
  });

  it('folds every event of a store that reads afresh each time, with the same result', async () => {
    const store = SqliteEventStore.open({ path: ':memory:', recentStreams: 0 });
    const { decider, counter } = counting();
    await store.append(STREAM, [taken('A1'), taken('A2')], 'no-stream');
    await loadState(store, decider, STREAM);
    await store.append(STREAM, [taken('A3')], 2);

    expect((await loadState(store, decider, STREAM)).state).toEqual({ taken: ['A1', 'A2', 'A3'] });
    expect(counter.evolved).toBe(5);
    await store.close();
  });

  it("keeps each decider's states apart: another evolve over the same events starts from its own", async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    await store.append(STREAM, [taken('A1'), taken('A2')], 'no-stream');
    await loadState(store, seats, STREAM);
    const countSeats: DeciderLike<Take, Taken, { count: number }> = {
      initialState: { count: 0 },
      evolve: (state) => ({ count: state.count + 1 }),
      decide: () => [],
    };

    expect((await loadState(store, countSeats, STREAM)).state).toEqual({ count: 2 });
    await store.close();
  });
});
