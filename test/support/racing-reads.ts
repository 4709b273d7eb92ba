import { ConcurrencyConflict, type EventStore } from '#event-store';

export interface RacingReads {
  /** Every ConcurrencyConflict the store's append threw while patched (on any stream). */
  readonly conflicts: ConcurrencyConflict[];
  /** Successful appends to the raced stream. */
  readonly appends: number;
  /** Whether all `parties` reads arrived and were released together (false if the wait timed out). */
  readonly allArrived: boolean;
  /** Puts the store's own read and append back. */
  restore(): void;
}

/**
 * A deterministic race on one stream: the first `parties` reads of `streamId` each wait until all
 * of them have read, so every racer decides against the same version before any of them appends.
 * Patches `store` in place (a running app holds the instance), and counts what its appends do.
 */
export const raceReads = (
  store: EventStore,
  { parties, streamId, timeoutMs = 5_000 }: { parties: number; streamId: string; timeoutMs?: number },
): RacingReads => {
  const ownRead = store.read;
  const ownAppend = store.append;
  const hadOwn = { read: Object.hasOwn(store, 'read'), append: Object.hasOwn(store, 'append') };
  const conflicts: ConcurrencyConflict[] = [];
  let appends = 0;
  let waiting = parties;
  let allArrived = false;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  // A racer that never reads must not hang the test: release the others, and say so.
  const timer = setTimeout(release, timeoutMs);

  store.read = async (id) => {
    const events = await ownRead.call(store, id);
    if (id === streamId && waiting > 0) {
      if (--waiting === 0) {
        allArrived = true;
        clearTimeout(timer);
        release();
      }
      await released;
    }
    return events;
  };
  store.append = async (id, events, expected) => {
    try {
      const result = await ownAppend.call(store, id, events, expected);
      if (id === streamId) appends++;
      return result;
    } catch (error) {
      if (error instanceof ConcurrencyConflict) conflicts.push(error);
      throw error;
    }
  };

  return {
    conflicts,
    get appends() {
      return appends;
    },
    get allArrived() {
      return allArrived;
    },
    restore() {
      clearTimeout(timer);
      release();
      // The originals are usually the class's own methods: drop the patches rather than pin copies.
      for (const [name, own] of [
        ['read', ownRead],
        ['append', ownAppend],
      ] as const) {
        if (hadOwn[name]) Object.assign(store, { [name]: own });
        else delete (store as Partial<EventStore>)[name];
      }
    },
  };
};
