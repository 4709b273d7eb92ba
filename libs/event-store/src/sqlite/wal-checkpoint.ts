/** What `PRAGMA wal_checkpoint` answers: frames in the WAL when it started, and frames copied by its end. */
interface CheckpointResult {
  log: number;
  checkpointed: number;
}

/** The one method of a better-sqlite3 connection a checkpoint needs. */
interface CheckpointConnection {
  pragma(source: string): unknown;
}

/**
 * One background checkpoint of a WAL file. PASSIVE copies what it can and holds no one back. Past
 * `walLimitPages` the WAL should start again from its beginning, which takes a RESTART; but a
 * RESTART holds new writers back while it copies and syncs whatever is left, for as long as that
 * takes. On a disk still busy with earlier writes that was seconds, past the writers' own 5 s wait,
 * and a rebuild's commit failed busy. So PASSIVE passes copy first, each what was appended during
 * the one before, and the RESTART runs after a pass that copied everything within `restartAfterMs`:
 * what the writers appended during so short a pass is all the RESTART has left to copy. While the
 * disk is slower than that, the WAL grows and the next tick tries again.
 *
 * Self-contained (no imports, no closures): the checkpoint worker evaluates its source.
 */
export function checkpointWal(
  db: CheckpointConnection,
  walLimitPages: number,
  now: () => number = () => performance.now(),
): 'passive' | 'restart' | 'behind' {
  const restartAfterMs = 100;
  const passes = 8;
  for (let pass = 0; pass < passes; pass++) {
    const started = now();
    const { log, checkpointed } = (db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[])[0]!;
    if (pass === 0 && log <= walLimitPages) return 'passive';
    if (checkpointed === log && now() - started <= restartAfterMs) {
      db.pragma('wal_checkpoint(RESTART)');
      return 'restart';
    }
  }
  return 'behind';
}
