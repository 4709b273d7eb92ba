import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { drive, waitForProjections, type BenchRequest } from './support/drive.js';
import { BENCH_SECRET, copyOf, marksByBlock, seedMarkWorkload } from './support/mark-workload.js';
import { median } from './stats.js';
import { machine, writeResult } from './support/results.js';
import { cpuSecondsOf, pinBenchProcess, startStandalone } from './support/standalone-server.js';

/**
 * What a mark costs the standalone, by kind: a mark that leaves components of the enrolment
 * unmarked, and the final mark, after which the board runner calculates the outcome, opens and
 * decides the case, confirms the outcome and issues the award. Block by block (the first is a
 * warm-up), each kind's marks are sent (10 connections), then the read models and the board
 * runner are let catch up, and the server's CPU for the whole is divided by the marks.
 */
const BLOCKS = Number(process.env.BLOCKS ?? 3);
const CONNECTIONS = 10;

const main = async () => {
  const pinned = pinBenchProcess();
  const { template, marks } = await seedMarkWorkload((BLOCKS + 1) * 1_000);
  const dataDir = copyOf(template);
  const server = await startStandalone({ dataDir, secret: BENCH_SECRET });
  const cpuMsPerMark: Record<'others' | 'finals', number[]> = { others: [], finals: [] };
  const p99Ms: Record<'others' | 'finals', number[]> = { others: [], finals: [] };
  try {
    const blocks = marksByBlock(marks).slice(0, BLOCKS + 1);
    for (const [index, block] of blocks.entries()) {
      for (const kind of ['others', 'finals'] as const) {
        const sent: readonly BenchRequest[] = block[kind];
        let next = 0;
        const cpuBefore = cpuSecondsOf(server.pid);
        const run = await drive(server, () => sent[Math.min(next++, sent.length - 1)]!, {
          connections: CONNECTIONS,
          amount: sent.length,
        });
        await waitForProjections(server.base, 60_000);
        if (run.non2xx > 0) throw new Error(`${kind}: unexpected answers ${JSON.stringify(run.statusCodes)}`);
        if (index === 0) continue; // warm-up
        cpuMsPerMark[kind].push(((cpuSecondsOf(server.pid) - cpuBefore) * 1000) / sent.length);
        p99Ms[kind].push(run.latencyMs.p99);
      }
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(template, { recursive: true, force: true });
  }
  const others = median(cpuMsPerMark.others);
  const finals = median(cpuMsPerMark.finals);
  // The marks ladder's workload: three marks that leave components unmarked to every final mark.
  const mix = (3 * others + finals) / 4;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  const result = {
    benchmark: 'CPU per mark of the standalone, by kind, reactions included (medians over blocks of 1,000 enrolments)',
    blocks: BLOCKS,
    kinds: {
      others: { label: 'mark leaving components unmarked', cpuMsPerMark: round(others), p99Ms: median(p99Ms.others) },
      finals: {
        label: 'final mark (outcome, case, award follow)',
        cpuMsPerMark: round(finals),
        p99Ms: median(p99Ms.finals),
      },
    },
    mix: { cpuMsPerMark: round(mix), marksPerSecondOnOneCore: Math.round(1000 / mix) },
    pinning: pinned,
    machine: machine(),
  };
  console.table({
    [result.kinds.others.label]: { 'CPU ms/mark': round(others), 'p99 ms': result.kinds.others.p99Ms },
    [result.kinds.finals.label]: { 'CPU ms/mark': round(finals), 'p99 ms': result.kinds.finals.p99Ms },
    'the ladder mix (3 : 1)': { 'CPU ms/mark': round(mix), 'p99 ms': '' },
  });
  console.log(
    `at most ${result.mix.marksPerSecondOnOneCore} marks/s on one core; written to ${writeResult('marks-by-kind', result)}`,
  );
};

await main();
