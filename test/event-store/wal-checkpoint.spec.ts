import { checkpointWal } from '../../libs/event-store/src/sqlite/wal-checkpoint.js';

/**
 * A WAL and a clock: the i-th PASSIVE pass takes `passMs[i]` (a busy disk makes it long) and copies
 * every frame the WAL held when it started, except past `readerAt`, where a reader on an old
 * snapshot holds it back.
 */
const wal = (frames: number, passMs: number[], readerAt = Infinity) => {
  let clock = 0;
  let backfilled = 0;
  const calls: string[] = [];
  return {
    calls,
    now: () => clock,
    pragma(source: string) {
      const mode = /\((\w+)\)/.exec(source)![1]!;
      calls.push(mode);
      if (mode === 'PASSIVE') clock += passMs.shift() ?? 0;
      backfilled = Math.max(backfilled, Math.min(frames, readerAt));
      return [{ busy: 0, log: frames, checkpointed: backfilled }];
    },
  };
};

describe('a background WAL checkpoint', () => {
  it('is one PASSIVE pass while the WAL is within its limit', () => {
    const db = wal(900, [500]);
    expect(checkpointWal(db, 1000, db.now)).toBe('passive');
    expect(db.calls).toEqual(['PASSIVE']);
  });

  it('restarts a WAL past its limit straight after a quick PASSIVE pass', () => {
    const db = wal(60_000, [30]);
    expect(checkpointWal(db, 1000, db.now)).toBe('restart');
    expect(db.calls).toEqual(['PASSIVE', 'RESTART']);
  });

  it('lets PASSIVE passes copy what piled up during a slow one, so the RESTART never holds writers back for it', () => {
    const db = wal(60_000, [4_000, 900, 150, 20]);
    expect(checkpointWal(db, 1000, db.now)).toBe('restart');
    expect(db.calls).toEqual(['PASSIVE', 'PASSIVE', 'PASSIVE', 'PASSIVE', 'RESTART']);
  });

  it('leaves the WAL for the next tick, without a RESTART, while every pass is slow', () => {
    const db = wal(60_000, Array(8).fill(2_000));
    expect(checkpointWal(db, 1000, db.now)).toBe('behind');
    expect(db.calls).toEqual(Array(8).fill('PASSIVE'));
  });

  it('never restarts while a reader keeps frames uncopied', () => {
    const db = wal(60_000, Array(8).fill(1), 30_000);
    expect(checkpointWal(db, 1000, db.now)).toBe('behind');
    expect(db.calls).not.toContain('RESTART');
  });
});
