import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { LEADER_LOCK_CLASS } from '#event-store';
import { lockKey } from '#postgres';
import { BenchSchema, DATABASE_URL } from './bench-schema.js';
import { seedAwardWorkload } from './award-workload.js';
import { startCpuMeter, type CpuShares } from './cpu-meter.js';
import { RoleProcess } from './role-process.js';
import { startWaitSampler, type Waits } from './wait-sampler.js';

const BOARD_RUNNER = 'dist/apps/board-runner/src/main.js';

export interface AwardRate {
  runners: number;
  partitions: number;
  cases: number;
  /** Awards issued in the window, its length, and the rate. */
  awards: number;
  seconds: number;
  awardsPerSecond: number;
  seedSeconds: number;
  /** PostgreSQL transactions committed per award in the window. */
  commitsPerAward: number;
  /** Sessions waiting on the append lock and on the WAL flush, on average over the window. */
  waits: Waits;
  /** CPU over the window, in % of one core. */
  cpu: CpuShares;
}

/**
 * Holds every partition's lease (the same advisory locks the runners take) on a session of its own,
 * so runners that start meanwhile join as members but lead nothing: the start gate of the race.
 */
const holdPartitions = async (schema: BenchSchema, partitions: number): Promise<pg.Client> => {
  const gate = new pg.Client({ connectionString: DATABASE_URL });
  await gate.connect();
  for (let i = 0; i < partitions; i++)
    await gate.query('SELECT pg_advisory_lock($1, $2)', [
      LEADER_LOCK_CLASS,
      lockKey(`${schema.name}:board-runner:${i}/${partitions}`),
    ]);
  return gate;
};

/** The runner sessions holding the member lock, and the partition leases held by them. */
const leaseHolders = async (schema: BenchSchema, partitions: number) => {
  const keys = Array.from(
    { length: partitions },
    (_, i) => lockKey(`${schema.name}:board-runner:${i}/${partitions}`) >>> 0,
  );
  const members = lockKey(`${schema.name}:board-runner:members`) >>> 0;
  const { rows } = await schema.query<{ key: string }>(
    `SELECT objid::bigint AS key FROM pg_locks
      WHERE locktype = 'advisory' AND granted AND classid = $1::bigint AND objsubid = 2
        AND objid::bigint = ANY($2::bigint[])`,
    [LEADER_LOCK_CLASS, [members, ...keys]],
  );
  return {
    members: rows.filter((r) => Number(r.key) === members).length,
    led: rows.filter((r) => Number(r.key) !== members).length,
  };
};

const until = async (condition: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> => {
  for (const deadline = Date.now() + timeoutMs; !(await condition()); await sleep(20))
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
};

/**
 * Awards per second with `runners` board-runner processes sharing `partitions` partitions on a fresh
 * schema. The log is seeded first (no runner running), then the runners start behind a gate that
 * holds every partition; once all of them have joined, the gate opens and each takes its fair share
 * within a tick. The window runs from the moment every partition is led to the last award, so the
 * one-second lease tick and process start-up count in neither measurement.
 */
export const measureAwardRate = async (runners: number, partitions: number, cases: number): Promise<AwardRate> => {
  const schema = await BenchSchema.create();
  const processes: RoleProcess[] = [];
  try {
    const seedStarted = performance.now();
    await seedAwardWorkload(schema, cases);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const gate = await holdPartitions(schema, partitions);
    const env = schema.env({ BOARD_RUNNER_PARTITIONS: String(partitions) });
    for (let i = 0; i < runners; i++) processes.push(RoleProcess.start(BOARD_RUNNER, env));
    await until(
      async () => (await leaseHolders(schema, partitions)).members === runners,
      'the runners to join',
      60_000,
    );
    await gate.end();
    await until(async () => (await leaseHolders(schema, partitions)).led === partitions, 'every partition led', 10_000);

    const meter = startCpuMeter({ 'board runners': processes.map((p) => p.pid) });
    const commitsBefore = await schema.commits();
    const waits = startWaitSampler(schema);
    const started = performance.now();
    let { count: issued, last } = await schema.countAfter('AwardIssued', 0);
    const before = issued;
    while (issued < cases) {
      if (performance.now() - started > 600_000) throw new Error(`only ${issued} of ${cases} awards after 10 minutes`);
      for (const p of processes) if (!p.running) throw new Error(`a board runner exited:\n${p.output}`);
      await sleep(100);
      const more = await schema.countAfter('AwardIssued', last);
      [issued, last] = [issued + more.count, more.last];
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = meter();
    const waited = await waits();
    const awards = issued - before;
    const commits = (await schema.commits()) - commitsBefore;
    return {
      runners,
      partitions,
      cases,
      awards,
      seconds: Math.round(seconds * 100) / 100,
      awardsPerSecond: Math.round(awards / seconds),
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      commitsPerAward: Math.round((commits / awards) * 10) / 10,
      waits: waited,
      cpu,
    };
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await schema.drop();
  }
};
