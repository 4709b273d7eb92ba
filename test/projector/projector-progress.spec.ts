import { ProjectorProgress } from '../../apps/records-api/src/infrastructure/projector-progress.js';

/** A checkpoint the test moves, counting how often it was read. */
class Checkpoint {
  value = 0;
  reads = 0;
  failing = false;
  read = async (): Promise<number> => {
    this.reads++;
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (this.failing) throw new Error('connection lost');
    return this.value;
  };
}

const POLL_MS = 5;

describe('ProjectorProgress (read-your-writes on an API replica)', () => {
  it('answers every waiter from shared readings: many waiting commands cost one reading per poll', async () => {
    const checkpoint = new Checkpoint();
    const progress = new ProjectorProgress(checkpoint.read, POLL_MS);
    const waits = Array.from({ length: 50 }, (_, i) => progress.caughtUpWith(i + 1, 5_000));
    await new Promise((resolve) => setTimeout(resolve, 30));
    checkpoint.value = 50;
    expect(await Promise.all(waits)).toEqual(Array.from({ length: 50 }, () => true));
    // About one reading per 5 ms over ~30 ms, not one per waiter per poll (50 x that).
    expect(checkpoint.reads).toBeLessThan(20);
  });

  it('answers a waiter only from a reading started after it came', async () => {
    const checkpoint = new Checkpoint();
    checkpoint.value = 10;
    const progress = new ProjectorProgress(checkpoint.read, POLL_MS);
    expect(await progress.caughtUpWith(10, 1_000)).toBe(true);
    // A rebuild moved the checkpoint back: the earlier reading (10) must not answer a new waiter.
    checkpoint.value = 0;
    const waiting = progress.caughtUpWith(5, 1_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    checkpoint.value = 5;
    expect(await waiting).toBe(true);
    expect(checkpoint.reads).toBeGreaterThan(2);
  });

  it('gives up at the timeout, and stops reading once nobody waits', async () => {
    const checkpoint = new Checkpoint();
    const progress = new ProjectorProgress(checkpoint.read, POLL_MS);
    const started = Date.now();
    expect(await progress.caughtUpWith(1, 40)).toBe(false);
    expect(Date.now() - started).toBeLessThan(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reads = checkpoint.reads;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(checkpoint.reads).toBe(reads);
  });

  it('keeps waiting through failed readings until one succeeds or the time is up', async () => {
    const checkpoint = new Checkpoint();
    checkpoint.failing = true;
    checkpoint.value = 3;
    const progress = new ProjectorProgress(checkpoint.read, POLL_MS);
    const waiting = progress.caughtUpWith(3, 2_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    checkpoint.failing = false;
    expect(await waiting).toBe(true);
    expect(await progress.caughtUpWith(4, 30)).toBe(false);
  });
});
