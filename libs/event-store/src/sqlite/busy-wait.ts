import { setTimeout as sleep } from 'node:timers/promises';

/** A pause between two tries of a transaction SQLite refused busy; grows with the tries, up to 20 ms. */
const PAUSE_MS = 2;
const MAX_PAUSE_MS = 20;

/** Duck-typed: under jest's module sandbox the native module's errors fail `instanceof Error`. */
export const isSqliteError = (error: unknown): error is Error & { code: string } =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { code?: unknown }).code === 'string' &&
  typeof (error as { message?: unknown }).message === 'string';

/** SQLite's SQLITE_BUSY and its extended codes: another connection held a lock it needed; nothing was written. */
export const isSqliteBusy = (error: unknown): boolean => isSqliteError(error) && error.code.startsWith('SQLITE_BUSY');

/**
 * Runs a write transaction (`attempt`), waiting up to `waitMs` in all for the database's lock.
 * SQLite's own busy handler waits that long too, but racing the checkpoint worker's RESTART it
 * sometimes gives up after tens of milliseconds: under mark load about 1 append in 10,000 was refused
 * SQLITE_BUSY after ~70 ms, and the read models' commit now and then. Nothing was written then, so
 * the transaction runs again after a short pause, until `waitMs` have passed; a lock held longer is
 * thrown (the API answers 503). The first try runs at once, in the caller's turn of the event loop.
 */
export const withinBusyWait = async <T>(
  attempt: () => T | Promise<T>,
  waitMs: number,
  now: () => number = () => performance.now(),
): Promise<T> => {
  const started = now();
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isSqliteBusy(error) || now() - started >= waitMs) throw error;
    }
    await sleep(Math.min(tries * PAUSE_MS, MAX_PAUSE_MS));
  }
};
