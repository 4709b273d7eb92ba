import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { checkpointWal } from './wal-checkpoint.js';

/**
 * WAL checkpoints of SQLite files, run from one worker thread per process instead of inside the
 * commit that crosses the WAL size limit. A checkpoint copies the WAL into the database file and
 * fsyncs both: tens of milliseconds on a busy disk, and with better-sqlite3 (synchronous) that
 * would block the event loop, so every request and subscriber waited for it. The owner turns
 * `wal_autocheckpoint` off on its own connection while this runs. Checkpoints are PASSIVE: they
 * never wait for or block readers and writers; what they cannot copy yet is copied next time.
 * Durability is unchanged: commits are in the WAL either way.
 *
 * Under sustained writes a PASSIVE checkpoint never catches up with the last commit, and SQLite
 * starts writing the WAL from its beginning again only once one has: under the HTTP benchmark the
 * file grew by tens of MB a second, without bound. When the WAL holds more than a limit, the worker
 * therefore runs a RESTART checkpoint, which holds new writers back (they wait in their busy
 * handler, tens of milliseconds) until everything is copied, so the next commit reuses the file
 * from its start: the file stays near the limit instead of growing.
 *
 * A RESTART also waits for every reader still on an older snapshot, and holds writers back all
 * that time: with the writers' own 5 s wait it could outlast them, and their commits failed busy.
 * So it waits at most RESTART_WAIT_MS and gives up, to try again on a later tick. And it runs only
 * once PASSIVE passes have left it almost nothing to copy (see checkpointWal).
 */
const INTERVAL_MS = 500;
const RESTART_WAIT_MS = 100;
/** WAL size past which a checkpoint may briefly hold writers back to empty it. */
const DEFAULT_WAL_LIMIT_BYTES = 256 * 1024 * 1024;

// CommonJS, evaluated in the worker: one connection per file, a PASSIVE checkpoint of each every tick.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const files = new Map();
${checkpointWal.toString()}
const checkpoint = ({ db, walLimitPages }) => {
  try {
    checkpointWal(db, walLimitPages);
  } catch { /* busy or closing: next tick */ }
};
setInterval(() => { for (const file of files.values()) checkpoint(file); }, workerData.intervalMs);
parentPort.on('message', ({ op, id, path, walLimitBytes }) => {
  if (op === 'add') {
    try {
      const db = new Database(path, { timeout: workerData.restartWaitMs });
      files.set(id, { db, walLimitPages: walLimitBytes / db.pragma('page_size', { simple: true }) });
    } catch (error) {
      parentPort.postMessage({ op: 'failed', id, message: String(error && error.message) });
    }
  } else if (op === 'remove') {
    const file = files.get(id);
    files.delete(id);
    if (file) { checkpoint(file); file.db.close(); }
    parentPort.postMessage({ op: 'removed', id });
  }
});
`;

interface Registration {
  removed?: () => void;
  failed: () => void;
}

let shared: { worker: Worker; registrations: Map<number, Registration> } | undefined;
let nextId = 0;

const sharedWorker = () => {
  if (shared) return shared;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, intervalMs: INTERVAL_MS, restartWaitMs: RESTART_WAIT_MS },
  });
  worker.unref(); // never what keeps a process alive
  const registrations = new Map<number, Registration>();
  const current = { worker, registrations };
  worker.on('message', ({ op, id }: { op: string; id: number }) => {
    const registration = registrations.get(id);
    if (op === 'removed') registration?.removed?.();
    if (op === 'failed') registration?.failed();
  });
  // A worker that dies hands checkpointing back to every owner.
  const lost = () => {
    for (const registration of registrations.values()) {
      registration.failed();
      registration.removed?.();
    }
    registrations.clear();
    if (shared === current) shared = undefined;
  };
  worker.on('error', lost);
  worker.on('exit', lost);
  shared = current;
  return current;
};

export interface BackgroundCheckpoints {
  /** A last checkpoint, then the file is released; resolves when done. */
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `path` in the background. `fallBack` runs if that cannot be done (the
 * worker failed, or cannot open the file): the owner turns its automatic checkpoints on again.
 */
export const checkpointInBackground = (
  path: string,
  fallBack: () => void,
  walLimitBytes = DEFAULT_WAL_LIMIT_BYTES,
): BackgroundCheckpoints => {
  const { worker, registrations } = sharedWorker();
  const id = nextId++;
  let failed = false;
  registrations.set(id, {
    failed: () => {
      if (failed) return;
      failed = true;
      fallBack();
    },
  });
  worker.postMessage({ op: 'add', id, path, walLimitBytes });
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        const registration = registrations.get(id);
        if (!registration) return resolve();
        // Referenced until the reply: a process awaiting close() must not exit before it.
        worker.ref();
        registration.removed = () => {
          registrations.delete(id);
          worker.unref();
          if (registrations.size === 0 && shared?.worker === worker) {
            shared = undefined;
            void worker.terminate();
          }
          resolve();
        };
        worker.postMessage({ op: 'remove', id });
      })),
  };
};
