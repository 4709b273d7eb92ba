import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BoardRunner, boardPartitions, partitionOf, WHOLE_BOARD, type BoardPartition } from '#process-managers';
import { boardDecider, courseDecider, enrolmentDecider, fixedClock, learnerDecider, streams } from '#domain';
import {
  SqliteEventStore,
  SubscriptionHub,
  decideAndAppend,
  loadState,
  type DeciderLike,
  type EventStore,
} from '#event-store';
import { SqliteReadModelStore } from '#projections';
import { courseBody } from '../support/fixtures.js';

const clock = fixedClock('2026-11-23T09:00:00Z');
const metadata = () => ({
  actor: 'test',
  role: 'registry',
  correlationId: 'c',
  causationId: null,
  occurredAt: clock.now().toISOString(),
});
const COURSE = '11111111-1111-5111-8111-111111111111';
const BOARD = '22222222-2222-4222-8222-222222222222';
const CASES = 4;

/**
 * A store whose `crashAt`-th write by the runner succeeds and then "kills" the runner: that write
 * throws, and so does every later write or stream read (a dead process does nothing more). `atomic: false` hides appendAll, so the runner appends
 * command by command; with it, a write is one batch's appendAll.
 */
class CrashingStore {
  writes = 0;
  constructor(
    private readonly inner: EventStore,
    private readonly crashAt: number,
    private readonly atomic: boolean,
  ) {}
  store(): EventStore {
    const dying =
      <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        if (this.writes >= this.crashAt) throw new Error('the runner is dead');
        const result = await write(...args);
        if (++this.writes === this.crashAt) throw new Error(`killed after write ${this.crashAt}`);
        return result;
      };
    const append = dying(this.inner.append.bind(this.inner));
    const appendAll = this.inner.appendAll && dying(this.inner.appendAll.bind(this.inner));
    const read = async (streamId: string) => {
      if (this.writes >= this.crashAt) throw new Error('the runner is dead');
      return this.inner.read(streamId);
    };
    return new Proxy(this.inner, {
      get: (target, property) => {
        if (property === 'append') return append;
        if (property === 'read') return read;
        if (property === 'appendAll') return this.atomic ? appendAll : undefined;
        return Reflect.get(target, property).bind(target);
      },
    });
  }
}

const run = <C, E extends { type: string; data: unknown }, S>(
  store: EventStore,
  decider: DeciderLike<C, E, S>,
  stream: string,
  command: C,
) => decideAndAppend(store, clock, decider, stream, command, metadata);

/** Course, board, and CASES learners whose final marks are in: the runner has everything to do. */
const seed = async (store: EventStore) => {
  const { code: _c, awardingBody: _a, ...course } = courseBody();
  await run(store, courseDecider, streams.course(COURSE), {
    type: 'DefineCourse',
    data: { ...course, code: 'DSE701', awardingBody: 'University of Northshire', courseId: COURSE } as never,
  });
  await run(store, boardDecider, streams.board(BOARD), {
    type: 'ConstituteBoard',
    data: {
      boardId: BOARD,
      name: 'Board',
      courseIds: [COURSE],
      members: [
        { memberId: 'chair', name: 'Chair', role: 'chair' },
        { memberId: 'member', name: 'Member', role: 'internal' },
      ],
    },
  });
  for (let i = 0; i < CASES; i++) {
    const learnerId = `00000000-0000-4000-8000-00000000000${i}`;
    const enrolmentId = `00000000-0000-4000-8000-00000000010${i}`;
    await run(store, learnerDecider, streams.learner(learnerId), {
      type: 'RegisterLearner',
      data: { learnerId, givenName: 'L', familyName: `${i}`, email: `l${i}@example.org` },
    });
    await run(store, enrolmentDecider, streams.enrolment(enrolmentId), {
      type: 'StartEnrolment',
      data: { enrolmentId, learnerId, courseId: COURSE, startDate: '2026-11-01' },
      learner: (await loadState(store, learnerDecider, streams.learner(learnerId))).state,
      course: (await loadState(store, courseDecider, streams.course(COURSE))).state,
      coveringBoardId: BOARD,
    });
    for (const [componentId, mark] of [
      ['essay', 64],
      ['exam', 66],
    ] as const) {
      await run(store, enrolmentDecider, streams.enrolment(enrolmentId), { type: 'SubmitWork', data: { componentId } });
      await run(store, enrolmentDecider, streams.enrolment(enrolmentId), {
        type: 'RecordMark',
        data: { componentId, mark, markerId: 'tutor' },
      });
    }
  }
};

/** Runs a fresh runner per partition (a new process, as far as its state goes) until caught up or killed. */
const runUntilCaughtUpOrKilled = async (
  store: EventStore,
  readModels: SqliteReadModelStore,
  partitions: BoardPartition[] = [WHOLE_BOARD],
): Promise<'caught-up' | 'killed'> => {
  const runners = partitions.map((partition) => new BoardRunner(store, readModels, clock, { partition }));
  let killed = false;
  // A kill: the hub would retry after this delay, but the test stops it and starts a fresh runner.
  const hub = new SubscriptionHub(store, runners, {
    retryDelayMs: 60_000,
    logger: {
      error: () => {
        killed = true;
      },
    },
  });
  hub.start();
  const deadline = Date.now() + 10_000;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const head = await store.headPosition();
    if (killed) break;
    // The hub has passed every event (the runner's own checkpoint moves only on events it handles).
    if (await hub.waitFor(head, 50)) {
      // Caught up only if the runner's last writes produced nothing further to do.
      await new Promise((resolve) => setTimeout(resolve, 50));
      if ((await store.headPosition()) === head) break;
    }
    if (Date.now() > deadline) throw new Error('runner did not settle');
  }
  await hub.stop();
  return killed ? 'killed' : 'caught-up';
};

const count = async (store: EventStore, type: string) => {
  let n = 0;
  for await (const e of store.readAll(0, { eventTypes: [type] })) if (e) n++;
  return n;
};

const inTempStores = async (test: (store: SqliteEventStore, readModels: SqliteReadModelStore) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-runner-'));
  const store = SqliteEventStore.open({ path: join(dir, 'events.db'), pollIntervalMs: 10 });
  const readModels = new SqliteReadModelStore(join(dir, 'runner.db'));
  try {
    await test(store, readModels);
  } finally {
    await store.close();
    await readModels.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

const expectOneDecisionAndAwardPerCase = async (store: EventStore) => {
  expect(await count(store, 'CaseOpened')).toBe(CASES);
  expect(await count(store, 'CaseDecided')).toBe(CASES);
  expect(await count(store, 'OutcomeConfirmed')).toBe(CASES);
  expect(await count(store, 'AwardIssued')).toBe(CASES);
  expect(await count(store, 'MarkReleased')).toBe(CASES * 2);
};

describe('board runner split into partitions', () => {
  const partitions = boardPartitions(3);

  it('spreads the enrolments over the partitions, the same in every process', () => {
    const enrolments = Array.from({ length: 300 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const sizes = partitions.map(({ index }) => enrolments.filter((id) => partitionOf(id, 3) === index).length);
    for (const size of sizes) expect(size).toBeGreaterThan(60);
    expect(partitionOf(enrolments[7]!, 3)).toBe(partitionOf(enrolments[7]!, 3));
  });

  it('decides and awards each case exactly once, each partition under its own checkpoint', () =>
    inTempStores(async (store, readModels) => {
      await seed(store);
      expect(await runUntilCaughtUpOrKilled(store, readModels, partitions)).toBe('caught-up');
      await expectOneDecisionAndAwardPerCase(store);
      const checkpoints = await Promise.all(
        ['process:board-runner:0/3', 'process:board-runner:1/3', 'process:board-runner:2/3'].map((name) =>
          readModels.checkpoint(name),
        ),
      );
      expect(checkpoints.every((position) => position > 0)).toBe(true);
    }));

  it('killed in one partition and restarted: still exactly one decision and one award per case', () =>
    inTempStores(async (store, readModels) => {
      await seed(store);
      const crashing = new CrashingStore(store, 7, false);
      expect(await runUntilCaughtUpOrKilled(crashing.store(), readModels, partitions)).toBe('killed');
      expect(await runUntilCaughtUpOrKilled(store, readModels, partitions)).toBe('caught-up');
      await expectOneDecisionAndAwardPerCase(store);
    }));
});

/** Killed after its `crashAt`-th write, then a fresh runner: every case decided and awarded exactly once. */
const killAndRestart = (crashAt: number, atomic: boolean) =>
  inTempStores(async (raw, readModels) => {
    await seed(raw);
    const crashing = new CrashingStore(raw, crashAt, atomic);
    expect(await runUntilCaughtUpOrKilled(crashing.store(), readModels)).toBe('killed');
    expect(await runUntilCaughtUpOrKilled(raw, readModels)).toBe('caught-up');
    await expectOneDecisionAndAwardPerCase(raw);
  });

/** How many batch writes a run without a kill makes. */
const batchWrites = async (): Promise<number> => {
  let counted = 0;
  await inTempStores(async (raw, readModels) => {
    await seed(raw);
    const counting = new CrashingStore(raw, Number.MAX_SAFE_INTEGER, true);
    expect(await runUntilCaughtUpOrKilled(counting.store(), readModels)).toBe('caught-up');
    await expectOneDecisionAndAwardPerCase(raw);
    counted = counting.writes;
  });
  return counted;
};

describe('board runner restart safety', () => {
  // Command by command, each case takes five runner appends: two mark classifications, open+decide, confirm, award.
  const points = Array.from({ length: CASES * 5 }, (_, i) => i + 1);

  it.each(points)('killed after its append #%i and restarted: exactly one decision and one award per case', (crashAt) =>
    killAndRestart(crashAt, false),
  );

  it('killed after any of its batch writes (one transaction per batch) and restarted: the same', async () => {
    const writes = await batchWrites();
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(CASES * 5);
    for (let crashAt = 1; crashAt <= writes; crashAt++) await killAndRestart(crashAt, true);
  });
});
