import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LADDER_SHELL_RUNGS, RUNG_LABELS, type ShellRung } from './ladder/rungs.js';
import { drive, medianRun, waitForProjections, type BenchRequest, type RunFigures } from './support/drive.js';
import { BENCH_SECRET, copyOf, seedMarkWorkload } from './support/mark-workload.js';
import { machine, writeResult } from './support/results.js';
import { pinBenchProcess, startStandalone, type StandaloneOptions } from './support/standalone-server.js';

/**
 * The marks ladder and the marks goals in one run: the same mark request (POST
 * /v1/enrolments/:id/marks, 10 connections, autocannon over loopback, the server pinned to its own
 * core) answered by ever more of the system, from a bare Fastify route to the real standalone on
 * embedded SQLite sustained for STANDALONE_SECONDS after a seed of at least 10,000 enrolments.
 * Each shell rung is the median of ROUNDS runs; the real rungs run once on a fresh copy of the
 * seeded log. The floor sends the standalone's marks again: each is refused with 409 after
 * reading, folding and deciding, with no write.
 *
 * BENCH_QUICK=1 is a smoke run (about a minute): a small seed, short runs, one round; its numbers
 * say that everything runs, not how fast.
 */
const QUICK = process.env.BENCH_QUICK === '1';
const CONNECTIONS = 10;
const ROUNDS = Number(process.env.ROUNDS ?? (QUICK ? 1 : 3));
const SHELL_SECONDS = QUICK ? 2 : 5;
const API_SECONDS = QUICK ? 3 : 15;
const STANDALONE_SECONDS = Number(process.env.STANDALONE_SECONDS ?? (QUICK ? 5 : 30));
const FLOOR_SECONDS = QUICK ? 2 : 10;
const WARMUP_SECONDS = QUICK ? 1 : 3;
// Enough distinct marks for 3,000 marks/s over the warm-up and the sustained run.
const ENROLMENTS = QUICK ? 2_000 : Math.max(10_000, Math.ceil((3_000 * (STANDALONE_SECONDS + WARMUP_SECONDS)) / 4));

const MARKS_GOALS = {
  standaloneMarksPerSecond: 2_000,
  standaloneP99Ms: 50,
  standaloneOverMinimal: 0.5,
  floorOverMinimal: 0.75,
} as const;

interface LadderRow {
  rung: keyof typeof RUNG_LABELS;
  label: string;
  run: RunFigures;
}

/** Cycles through the marks from the start: a fresh server copy has none of them marked. */
const sequence = (marks: readonly BenchRequest[], limit = marks.length) => {
  let next = 0;
  return {
    next: () => marks[next++ % limit]!,
    used: () => Math.min(next, marks.length),
  };
};

const runServer = async (
  options: Omit<StandaloneOptions, 'secret'>,
  marks: readonly BenchRequest[],
  seconds: number,
): Promise<RunFigures> => {
  const server = await startStandalone({ ...options, secret: BENCH_SECRET });
  try {
    const requests = sequence(marks);
    await drive(server, requests.next, { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
    return await drive(server, requests.next, { connections: CONNECTIONS, seconds });
  } finally {
    await server.stop();
  }
};

const shellRung = async (rung: ShellRung, marks: readonly BenchRequest[]): Promise<RunFigures> => {
  const runs: RunFigures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'credence-bench-rung-'));
    const run = await runServer(
      { dataDir, entry: 'bench/ladder/ladder-server.js', env: { RUNG: rung } },
      marks,
      SHELL_SECONDS,
    );
    rmSync(dataDir, { recursive: true, force: true });
    runs.push(run);
  }
  return medianRun(runs);
};

/** The standalone sustained, then the floor on the marks it made. */
const standalone = async (template: string, marks: readonly BenchRequest[]) => {
  const dataDir = copyOf(template);
  const server = await startStandalone({ dataDir, secret: BENCH_SECRET, cpuProfileDir: process.env.CPU_PROF_DIR });
  try {
    const requests = sequence(marks);
    await drive(server, requests.next, { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
    const run = await drive(server, requests.next, { connections: CONNECTIONS, seconds: STANDALONE_SECONDS });
    await waitForProjections(server.base, 120_000);
    // The last few taken may not have been sent before the run ended.
    const refused = sequence(marks, requests.used() - CONNECTIONS);
    const floor = await drive(server, refused.next, { connections: CONNECTIONS, seconds: FLOOR_SECONDS });
    return { run, floor };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const main = async () => {
  const pinned = pinBenchProcess();
  const workload = await seedMarkWorkload(ENROLMENTS);
  const { marks, template } = workload;
  const rows: LadderRow[] = [];
  const row = (rung: LadderRow['rung'], run: RunFigures) => rows.push({ rung, label: RUNG_LABELS[rung], run });
  for (const rung of LADDER_SHELL_RUNGS) row(rung, await shellRung(rung, marks));
  const apiDir = copyOf(template);
  const api = await runServer(
    // On a SQLite file of its own the API process projects its read models itself (no projector process).
    { dataDir: apiDir, entry: 'apps/records-api/src/main.js' },
    marks,
    API_SECONDS,
  );
  rmSync(apiDir, { recursive: true, force: true });
  row('api', api);
  const { run, floor } = await standalone(template, marks);
  row('standalone', run);
  row('floor', floor);
  rmSync(template, { recursive: true, force: true });

  const minimal = rows.find((r) => r.rung === 'durable')!.run.requestsPerSecond;
  const goals = [
    {
      goal: `standalone >= ${MARKS_GOALS.standaloneMarksPerSecond} marks/s, p99 <= ${MARKS_GOALS.standaloneP99Ms} ms, >= ${MARKS_GOALS.standaloneOverMinimal} x minimal`,
      measured: `${run.requestsPerSecond}/s, p99 ${run.latencyMs.p99} ms, ${ratio(run.requestsPerSecond, minimal)} x minimal`,
      met:
        run.requestsPerSecond >= MARKS_GOALS.standaloneMarksPerSecond &&
        run.latencyMs.p99 <= MARKS_GOALS.standaloneP99Ms &&
        run.non2xx === 0,
    },
    {
      goal: `floor >= ${MARKS_GOALS.floorOverMinimal} x minimal durable mark`,
      measured: `${floor.requestsPerSecond}/s, ${ratio(floor.requestsPerSecond, minimal)} x minimal`,
      met: floor.requestsPerSecond >= MARKS_GOALS.floorOverMinimal * minimal,
    },
  ];
  const result = {
    benchmark: 'the marks ladder: POST /v1/enrolments/:id/marks, 10 connections, autocannon over loopback',
    mode: QUICK ? 'quick (smoke run: the numbers are not the goals)' : 'full',
    seeded: { enrolments: workload.enrolments, seconds: Math.round(workload.seedSeconds) },
    seconds: { shell: SHELL_SECONDS, rounds: ROUNDS, api: API_SECONDS, standalone: STANDALONE_SECONDS },
    ladder: rows.map(({ rung, label, run: r }) => ({
      rung,
      label,
      overMinimal: ratio(r.requestsPerSecond, minimal),
      ...r,
    })),
    goals,
    pinning: pinned,
    machine: machine(),
  };
  console.table(ladderTable(rows, minimal));
  console.table(goals);
  console.log(`written to ${writeResult('marks-ladder', result)}`);
  const expected = (r: LadderRow) =>
    r.rung === 'floor' ? r.run.statusCodes['409'] === r.run.requests : r.run.non2xx === 0;
  const wrong = rows.filter((r) => !expected(r) || r.run.errors > 0);
  for (const r of wrong)
    console.error(`${r.label}: unexpected answers ${JSON.stringify(r.run.statusCodes)}, errors ${r.run.errors}`);
  if (wrong.length > 0) process.exitCode = 1;
};

const ratio = (value: number, of: number) => Math.round((value / of) * 100) / 100;

const ladderTable = (rows: readonly LadderRow[], minimal: number) =>
  Object.fromEntries(
    rows.map(({ label, run }) => [
      label,
      {
        'req/s': run.requestsPerSecond,
        'x minimal': ratio(run.requestsPerSecond, minimal),
        'p50 ms': run.latencyMs.p50,
        'p99 ms': run.latencyMs.p99,
        'CPU ms/req': run.serverCpuMsPerRequest,
      },
    ]),
  );

await main();
