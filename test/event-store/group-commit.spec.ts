import { GroupCommit, type QueuedAppend } from '../../libs/event-store/src/postgres/group-commit.js';

type Queued = QueuedAppend<string, string>;

/** A GroupCommit whose transactions the test finishes by hand, recording every batch it was given. */
const harness = (maxEvents = 100) => {
  const batches: string[][] = [];
  const finishers: (() => void)[] = [];
  const group = new GroupCommit<string, string>(
    (batch: Queued[]) =>
      new Promise<void>((resolve) => {
        batches.push(batch.map((queued) => queued.command));
        finishers.push(() => {
          batch.forEach((queued) => queued.resolve(`${queued.command} done`));
          resolve();
        });
      }),
    maxEvents,
  );
  /** Finishes the oldest unfinished transaction and lets the next batch start. */
  const finishNext = async () => {
    finishers.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { group, batches, finishNext };
};

describe('GroupCommit', () => {
  it('starts a lone append at once, without waiting for company', async () => {
    const { group, batches, finishNext } = harness();
    const result = group.submit(['s1'], 1, 'a');
    expect(batches).toEqual([['a']]);
    await finishNext();
    await expect(result).resolves.toBe('a done');
  });

  it('puts the appends that arrive during a transaction into the next one, in arrival order', async () => {
    const { group, batches, finishNext } = harness();
    const results = [
      group.submit(['s1'], 1, 'a'),
      group.submit(['s2'], 1, 'b'),
      group.submit(['s3'], 1, 'c'),
      group.submit(['s4'], 1, 'd'),
    ];
    expect(batches).toEqual([['a']]);
    await finishNext();
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    await finishNext();
    await expect(Promise.all(results)).resolves.toEqual(['a done', 'b done', 'c done', 'd done']);
  });

  it('holds at most one append per stream in a batch and keeps each stream in order', async () => {
    const { group, batches, finishNext } = harness();
    group.submit(['busy'], 1, 'first');
    group.submit(['s1'], 1, 's1-v1');
    group.submit(['s1'], 1, 's1-v2');
    group.submit(['s2'], 1, 's2-v1');
    group.submit(['s1'], 1, 's1-v3');
    await finishNext();
    await finishNext();
    await finishNext();
    expect(batches).toEqual([['first'], ['s1-v1', 's2-v1'], ['s1-v2'], ['s1-v3']]);
  });

  it('stops a batch at the event limit, but lets a larger append go alone', async () => {
    const { group, batches, finishNext } = harness(10);
    group.submit(['busy'], 1, 'first');
    group.submit(['s1'], 6, 'six');
    group.submit(['s2'], 6, 'another six');
    group.submit(['s3'], 4, 'four');
    group.submit(['s4'], 25, 'twenty-five');
    for (let i = 0; i < 4; i++) await finishNext();
    expect(batches).toEqual([['first'], ['six', 'four'], ['another six'], ['twenty-five']]);
  });

  it('answers every caller of a batch that failed outright, and carries on with the next batch', async () => {
    let calls = 0;
    const group = new GroupCommit<string, string>(async (batch) => {
      if (calls++ === 0) throw new Error('connection lost');
      batch.forEach((queued) => queued.resolve('ok'));
    }, 100);
    const first = group.submit(['s1'], 1, 'a');
    const second = group.submit(['s2'], 1, 'b');
    await expect(first).rejects.toThrow('connection lost');
    await expect(second).resolves.toBe('ok');
  });
});
