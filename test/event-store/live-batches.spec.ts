import { setTimeout as sleep } from 'node:timers/promises';
import { liveBatches } from '../../libs/event-store/src/live-batches.js';

/** A source that yields `count` numbers, `gapMs` apart (0: all at once), then fails if asked to. */
async function* numbers(count: number, gapMs: number, failAfter = false): AsyncGenerator<number> {
  for (let i = 1; i <= count; i++) {
    if (gapMs > 0) await sleep(gapMs);
    yield i;
  }
  if (failAfter) throw new Error('source failed');
}

const collect = async (source: AsyncIterable<number>, maxBatch: number, handleMs = 0) => {
  const batches: number[][] = [];
  for await (const batch of liveBatches(source, maxBatch)) {
    batches.push(batch);
    if (handleMs > 0) await sleep(handleMs);
  }
  return batches;
};

describe('liveBatches', () => {
  it('hands every item over once, in order, in batches of at most maxBatch', async () => {
    const batches = await collect(numbers(1000, 0), 64);
    expect(batches.flat()).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(64);
    // Items already available are not handed over one by one.
    expect(batches.length).toBeLessThan(100);
  });

  it('does not hold an item back to fill a batch when the consumer keeps up', async () => {
    const batches = await collect(numbers(5, 20), 100);
    expect(batches).toEqual([[1], [2], [3], [4], [5]]);
  });

  it('groups what arrived while a slow consumer was busy', async () => {
    const batches = await collect(numbers(40, 2), 100, 30);
    expect(batches.flat()).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(batches.length).toBeLessThan(10);
    expect(batches.some((b) => b.length > 1)).toBe(true);
  });

  it('throws the source failure after the items before it', async () => {
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const batch of liveBatches(numbers(3, 0, true), 10)) seen.push(...batch);
      })(),
    ).rejects.toThrow('source failed');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops reading when the consumer stops early', async () => {
    let read = 0;
    async function* endless(): AsyncGenerator<number> {
      for (;;) {
        await sleep(1);
        yield ++read;
      }
    }
    for await (const batch of liveBatches(endless(), 10)) if (batch.includes(3) || read >= 3) break;
    const stoppedAt = read;
    await sleep(30);
    expect(read).toBeLessThanOrEqual(stoppedAt + 1);
  });
});
