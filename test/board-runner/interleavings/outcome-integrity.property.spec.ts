import fc from 'fast-check';
import { SqliteEventStore, PostgresEventStore, type EventStore } from '#event-store';
import { PostgresReadModelStore, SqliteReadModelStore, type ReadModelStore } from '#projections';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor } from '../../support/postgres.js';
import { appealedSteps, perform, steps, type Step } from './commands.js';
import { check } from './invariants.js';
import { REGRESSIONS } from './regressions.js';
import { World } from './world.js';

/**
 * Outcome integrity under interleavings (issue 15): generated sequences of marks, amendments,
 * moderation, mitigating circumstances, integrity flags, board votes, appeals and the deadline
 * sweep, interleaved with runner steps, restarts and crashes, on the embedded store and on
 * PostgreSQL. After each run the runner has never failed, and settles with every invariant of
 * `violations` holding.
 */
const ENROLMENTS = 2;
const SQLITE_RUNS = Number(process.env.INTERLEAVINGS_SQLITE ?? 1700);
const POSTGRES_RUNS = Number(process.env.INTERLEAVINGS_POSTGRES ?? 300);
const APPEAL_RUNS = Number(process.env.INTERLEAVINGS_APPEALS ?? 800);

/** What a share of the generated runs must exercise, so the property cannot pass by testing little. */
const COVERAGE: Record<string, number> = {
  'a case superseded': 0.1,
  'a decision superseded': 0.05,
  'a confirmation refused': 0.01,
  'confirmed by a quorum': 0.02,
  'confirmed under delegated authority': 0.05,
  'an amended mark sent back to moderation': 0.05,
  'a decision set aside on appeal': 0.01,
};

/** The runs that appeal confirmed outcomes must reach revocation and reissue. */
const APPEAL_COVERAGE: Record<string, number> = {
  'a decision set aside on appeal': 0.3,
  'an award revoked on appeal': 0.03,
};

class Coverage {
  private readonly counts = new Map<string, number>();
  private runs = 0;
  constructor(private readonly floors: Record<string, number> = COVERAGE) {}
  add(seen: Set<string>): void {
    this.runs++;
    for (const what of seen) this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }
  toString(): string {
    return [...this.counts].map(([what, n]) => `${what}: ${n}/${this.runs}`).join('; ');
  }
  /** The shares below their floor (empty when every floor is met). */
  shortfalls(): string[] {
    return Object.entries(this.floors)
      .filter(([what, floor]) => (this.counts.get(what) ?? 0) < floor * this.runs)
      .map(([what, floor]) => `${what}: ${this.counts.get(what) ?? 0} of ${this.runs} runs, want ${floor * 100}%`);
  }
}

const withOptions = (url: string, options: string): string => {
  const parsed = new URL(url);
  parsed.searchParams.set('options', options);
  return parsed.toString();
};

const play = async (
  store: EventStore,
  readModels: ReadModelStore,
  plan: readonly Step[],
  coverage?: Coverage,
): Promise<void> => {
  const world = new World(store, readModels, ENROLMENTS);
  await world.seed();
  for (const step of plan) await perform(world, step);
  await world.drain();
  const { violations, seen } = await check(world);
  expect(violations).toEqual([]);
  coverage?.add(seen);
};

const onSqlite = async (plan: readonly Step[], coverage?: Coverage): Promise<void> => {
  const store = SqliteEventStore.open({ path: ':memory:' });
  const readModels = new SqliteReadModelStore(':memory:');
  try {
    await play(store, readModels, plan, coverage);
  } finally {
    await store.close();
    await readModels.close();
  }
};

describe('outcome integrity under interleavings, embedded SQLite store', () => {
  it.each(Object.entries(REGRESSIONS))('regression: %s', async (_name, plan) => {
    await onSqlite(plan);
  });

  it(`holds for ${SQLITE_RUNS} generated interleavings`, async () => {
    const coverage = new Coverage();
    await fc.assert(
      fc.asyncProperty(steps, (plan) => onSqlite(plan, coverage)),
      { numRuns: SQLITE_RUNS },
    );
    if (process.env.INTERLEAVINGS_COVERAGE) console.log(`SQLite: ${coverage}`);
    expect(coverage.shortfalls()).toEqual([]);
  }, 600_000);

  it(`holds for ${APPEAL_RUNS} generated appeals of confirmed outcomes`, async () => {
    const coverage = new Coverage(APPEAL_COVERAGE);
    await fc.assert(
      fc.asyncProperty(appealedSteps, (plan) => onSqlite(plan, coverage)),
      { numRuns: APPEAL_RUNS },
    );
    if (process.env.INTERLEAVINGS_COVERAGE) console.log(`SQLite, appeals: ${coverage}`);
    expect(coverage.shortfalls()).toEqual([]);
  }, 600_000);
});

if (postgresAvailableFor('outcome integrity on PostgreSQL')) {
  describe('outcome integrity under interleavings, PostgreSQL', () => {
    const schema = freshSchema('credence_pbt');
    let store: PostgresEventStore;
    let readModels: PostgresReadModelStore;
    // Commits need not wait for the disk here (the runs test ordering, not durability): many more runs fit.
    const connectionString = withOptions(DATABASE_URL, '-c synchronous_commit=off');
    beforeAll(async () => {
      store = await PostgresEventStore.connect({ connectionString, schema });
      readModels = await PostgresReadModelStore.connect({ connectionString, schema });
    });
    afterAll(async () => {
      await store?.close();
      await readModels?.close();
      await dropSchema(schema);
    });

    // Runs share the store and the runner's checkpoint (each its own course, board and learners), as
    // one long-lived deployment would: each run's runner starts where the last one settled.
    it.each(Object.entries(REGRESSIONS))('regression: %s', async (_name, plan) => {
      await play(store, readModels, plan);
    });

    it(`holds for ${POSTGRES_RUNS} generated interleavings`, async () => {
      const coverage = new Coverage();
      await fc.assert(
        fc.asyncProperty(steps, (plan) => play(store, readModels, plan, coverage)),
        { numRuns: POSTGRES_RUNS },
      );
      // The floors apply to the SQLite runs, where the volume is; these check the store under the same mix.
      if (process.env.INTERLEAVINGS_COVERAGE) console.log(`PostgreSQL: ${coverage}`);
    }, 900_000);
  });
}
