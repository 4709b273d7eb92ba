import { ConcurrencyConflict, decideAndAppend, HeldAppends, SqliteEventStore, type DeciderLike } from '#event-store';

/**
 * Commands run against held appends behave as if each were written at once, but nothing reaches
 * the log until flush, and then all of it in one transaction or none.
 */
type Take = { type: 'Take'; seat: string };
type Taken = { type: 'Taken'; data: { seat: string } };
type Seats = { taken: string[] };

const seats: DeciderLike<Take, Taken, Seats> = {
  initialState: { taken: [] },
  evolve: (state, event) => ({ taken: [...state.taken, event.data.seat] }),
  decide: (command, state) => {
    if (state.taken.includes(command.seat)) throw new Error(`seat ${command.seat} is taken`);
    return [{ type: 'Taken', data: { seat: command.seat } }];
  },
};

const clock = { now: () => new Date('2026-12-06T09:00:00Z') };
const metadata = () => ({ actor: 't', role: 'system', correlationId: 'c', causationId: null, occurredAt: '' });
const take = (log: HeldAppends | SqliteEventStore, hall: string, seat: string) =>
  decideAndAppend(log, clock, seats, hall, { type: 'Take', seat }, metadata);

describe('HeldAppends', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = SqliteEventStore.open({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('lets later commands see what earlier ones decided, and writes nothing before flush', async () => {
    const held = new HeldAppends(store);
    await take(held, 'hall-1', 'A1');
    await take(held, 'hall-2', 'B1');
    await take(held, 'hall-1', 'A2');
    await expect(take(held, 'hall-1', 'A1')).rejects.toThrow('seat A1 is taken');
    expect((await held.read('hall-1')).map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(await store.headPosition()).toBe(0);

    await held.flush();

    const log = [];
    for await (const event of store.readAll(0)) log.push(`${event.streamId}:${(event.data as Taken['data']).seat}`);
    expect(log).toEqual(['hall-1:A1', 'hall-2:B1', 'hall-1:A2']);
    expect((await store.read('hall-1')).map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('writes nothing when another writer changed a stream meanwhile; the next run sees the change', async () => {
    const held = new HeldAppends(store);
    await take(held, 'hall-2', 'B1');
    await take(held, 'hall-1', 'A1');
    await take(store, 'hall-1', 'A9'); // a request, between the reaction and its flush

    await expect(held.flush()).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect(await store.read('hall-2')).toEqual([]);
    expect((await store.read('hall-1')).map((e) => (e.data as Taken['data']).seat)).toEqual(['A9']);

    await take(held, 'hall-1', 'A1');
    await held.flush();
    expect((await store.read('hall-1')).map((e) => (e.data as Taken['data']).seat)).toEqual(['A9', 'A1']);
  });

  it("checks the caller's expected version against what is held", async () => {
    const held = new HeldAppends(store);
    const event = { type: 'Taken', data: { seat: 'A1' }, metadata: metadata() };
    expect(await held.append('hall-1', [event], 'no-stream')).toMatchObject({ nextExpectedVersion: 1 });
    await expect(held.append('hall-1', [event], 'no-stream')).rejects.toMatchObject({ actual: 1 });
    await expect(held.append('hall-1', [event], 0)).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect(await held.append('hall-1', [event], 1)).toMatchObject({ nextExpectedVersion: 2 });
  });

  it("holds a copy of the events' data, as a store hands events back", async () => {
    const held = new HeldAppends(store);
    const data = { seat: 'A1' };
    await held.append('hall-1', [{ type: 'Taken', data, metadata: metadata() }], 'no-stream');
    data.seat = 'changed';
    expect((await held.read('hall-1'))[0]!.data).toEqual({ seat: 'A1' });
  });
});
