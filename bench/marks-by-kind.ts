import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { drive, waitForProjections, type BenchRequest } from './support/drive.js';
import { BENCH_SECRET, copyOf, marksByBlock, seedMarkWorkload } from './support/mark-workload.js';
import { median } from './stats.js';
import { machine, writeResult } from './support/results.js';
import { cpuSecondsOf, pinBenchProcess, startStandalone } from './support/standalone-server.js';

/**
 * What a mark costs, by kind: a mark that leaves components of the enrolment unmarked, and the
 * final mark, after which the board runner calculates the outcome, opens and decides the case,
 * confirms the outcome and issues the award. Block by block (the first is a warm-up), each kind's
 * marks are sent (10 connections), then the read models and the board runner are let catch up,
 * and the server's CPU for the whole is divided by the marks. The same blocks then go to the
 * records API on its own (projections, no board runner) on a fresh copy of the seed: the difference
 * is what the board runner's reactions cost. CPU_PROF_DIR=<folder> writes a V8 profile of each server.
 */
const BLOCKS = Number(process.env.BLOCKS ?? 3);
const CONNECTIONS = 10;
const KINDS = ['others', 'finals'] as const;
type Kind = (typeof KINDS)[number];

interface KindFigures {
  cpuMsPerMark: number;
  p99Ms: number;
}

const measure = async (
  template: string,
  blocks: readonly Record<Kind, readonly BenchRequest[]>[],
  entry?: string,
): Promise<Record<Kind, KindFigures>> => {
  const dataDir = copyOf(template);
  const server = await startStandalone({
    dataDir,
    secret: BENCH_SECRET,
    cpuProfileDir: process.env.CPU_PROF_DIR,
    ...(entry ? { entry } : {}),
  });
  const cpuMsPerMark: Record<Kind, number[]> = { others: [], finals: [] };
  const p99Ms: Record<Kind, number[]> = { others: [], finals: [] };
  try {
    for (const [index, block] of blocks.entries()) {
      for (const kind of KINDS) {
        const sent = block[kind];
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
  }
  const figures = (kind: Kind): KindFigures => ({
    cpuMsPerMark: round(median(cpuMsPerMark[kind])),
    p99Ms: median(p99Ms[kind]),
  });
  return { others: figures('others'), finals: figures('finals') };
};

const round = (ms: number) => Math.round(ms * 100) / 100;
/** The marks ladder's workload: three marks that leave components unmarked to every final mark. */
const mixOf = (others: number, finals: number) => round((3 * others + finals) / 4);

const main = async () => {
  const pinned = pinBenchProcess();
  const { template, marks } = await seedMarkWorkload((BLOCKS + 1) * 1_000);
  const blocks = marksByBlock(marks).slice(0, BLOCKS + 1);
  let standalone: Record<Kind, KindFigures>;
  let api: Record<Kind, KindFigures>;
  try {
    standalone = await measure(template, blocks);
    api = await measure(template, blocks, 'apps/records-api/src/main.js');
  } finally {
    rmSync(template, { recursive: true, force: true });
  }
  const labels: Record<Kind, string> = {
    others: 'mark leaving components unmarked',
    finals: 'final mark (outcome, case, award follow)',
  };
  const kinds = Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      {
        label: labels[kind],
        cpuMsPerMark: standalone[kind].cpuMsPerMark,
        p99Ms: standalone[kind].p99Ms,
        withoutBoardRunner: api[kind],
        boardRunnerCpuMsPerMark: round(standalone[kind].cpuMsPerMark - api[kind].cpuMsPerMark),
      },
    ]),
  ) as Record<
    Kind,
    {
      label: string;
      cpuMsPerMark: number;
      p99Ms: number;
      withoutBoardRunner: KindFigures;
      boardRunnerCpuMsPerMark: number;
    }
  >;
  const mix = mixOf(standalone.others.cpuMsPerMark, standalone.finals.cpuMsPerMark);
  const result = {
    benchmark:
      'CPU per mark of the standalone, by kind, reactions included, and of the records API without the board runner (medians over blocks of 1,000 enrolments)',
    blocks: BLOCKS,
    kinds,
    mix: {
      cpuMsPerMark: mix,
      marksPerSecondOnOneCore: Math.round(1000 / mix),
      withoutBoardRunner: mixOf(api.others.cpuMsPerMark, api.finals.cpuMsPerMark),
    },
    pinning: pinned,
    machine: machine(),
  };
  const row = (standaloneMs: number, apiMs: number, p99: number | string) => ({
    'CPU ms/mark': standaloneMs,
    'p99 ms': p99,
    'without board runner': apiMs,
    'board runner': round(standaloneMs - apiMs),
  });
  console.table({
    [labels.others]: row(kinds.others.cpuMsPerMark, api.others.cpuMsPerMark, kinds.others.p99Ms),
    [labels.finals]: row(kinds.finals.cpuMsPerMark, api.finals.cpuMsPerMark, kinds.finals.p99Ms),
    'the ladder mix (3 : 1)': row(mix, result.mix.withoutBoardRunner, ''),
  });
  console.log(
    `at most ${result.mix.marksPerSecondOnOneCore} marks/s on one core; written to ${writeResult('marks-by-kind', result)}`,
  );
};

await main();
