import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { drive, type RunFigures } from './support/drive.js';
import { median } from './stats.js';
import { BENCH_SECRET, copyOf, seedMarkWorkload } from './support/mark-workload.js';
import { pinBenchProcess, startStandalone } from './support/standalone-server.js';

/**
 * A paired comparison of two builds on a busy machine: the standalone of build A (DIST_A, e.g. a
 * build of main) and of build B (DIST_B, default ./dist) take turns, PAIRS times, each on a fresh
 * copy of one seeded log, SECONDS of marks after a warm-up. Interleaving spreads the machine's
 * noise over both; the medians of req/s and of server CPU per mark, and their ratio B/A, decide.
 */
const DIST_A = process.env.DIST_A;
const DIST_B = process.env.DIST_B ?? `${process.cwd()}/dist`;
const PAIRS = Number(process.env.PAIRS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 10);
if (!DIST_A) throw new Error('DIST_A must name the build to compare against');

const run = async (distDir: string, template: string, marks: Awaited<ReturnType<typeof seedMarkWorkload>>['marks']) => {
  const dataDir = copyOf(template);
  const server = await startStandalone({ dataDir, secret: BENCH_SECRET, distDir });
  let next = 0;
  try {
    await drive(server, () => marks[next++]!, { connections: 10, seconds: 2 });
    return await drive(server, () => marks[next++]!, { connections: 10, seconds: SECONDS });
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const main = async () => {
  pinBenchProcess();
  const { template, marks } = await seedMarkWorkload(Number(process.env.ENROLMENTS ?? 4_000));
  const runs: Record<'A' | 'B', RunFigures[]> = { A: [], B: [] };
  for (let pair = 0; pair < PAIRS; pair++) {
    // Alternate which goes first, so neither always runs on the warmer (or busier) half.
    const order = pair % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const);
    for (const side of order) runs[side].push(await run(side === 'A' ? DIST_A : DIST_B, template, marks));
  }
  rmSync(template, { recursive: true, force: true });
  const summary = (side: 'A' | 'B') => ({
    'req/s': median(runs[side].map((r) => r.requestsPerSecond)),
    'CPU ms/mark': median(runs[side].map((r) => r.serverCpuMsPerRequest)),
    'p99 ms': median(runs[side].map((r) => r.latencyMs.p99)),
    non2xx: runs[side].reduce((sum, r) => sum + r.non2xx, 0),
    runs: runs[side].map((r) => `${r.requestsPerSecond}/s ${r.serverCpuMsPerRequest} ms`).join(', '),
  });
  const [a, b] = [summary('A'), summary('B')];
  console.table({ [`A ${DIST_A}`]: a, [`B ${DIST_B}`]: b });
  console.log(
    `B/A: req/s ${(b['req/s'] / a['req/s']).toFixed(2)}, CPU per mark ${(b['CPU ms/mark'] / a['CPU ms/mark']).toFixed(2)}`,
  );
};

await main();
