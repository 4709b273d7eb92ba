import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MemoryFigures } from './replay/memory.js';
import type { ReplayFigures, ReplayMode } from './replay/replay-runs.js';
import type { WriteFloor } from './replay/write-floor.js';
import { machine, writeResult } from './support/results.js';

/**
 * Replay: rebuilding every projection from EVENTS (default 1,000,000) realistic events, against the
 * driver reading and parsing the same rows (the limit), on the embedded SQLite store and on
 * PostgreSQL (BACKENDS=sqlite,postgres). Goal: >= 50% of raw read-and-parse speed, with flat memory.
 * Each run is a child process of its own, so its memory figures are its alone; rounds alternate raw
 * and ours and the median counts (ROUNDS for SQLite, PG_ROUNDS for PostgreSQL). CPU_PROF=1 also
 * writes a .cpuprofile of each first-round child to bench/.data/profiles.
 */
const EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PG_ROUNDS = Number(process.env.PG_ROUNDS ?? 1);
const BACKENDS = (process.env.BACKENDS ?? 'sqlite,postgres').split(',');
const PROFILES = join(process.cwd(), 'bench', '.data', 'profiles');

/** This script run again in a fresh process with `args` (and node `flags`); its last line of output is its JSON answer. */
const inChild = <T>(args: string[], flags: string[] = []): T => {
  const output = execFileSync(process.execPath, [...flags, fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
    timeout: 20 * 60_000,
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as T;
};

/** One run in a fresh process: optionally CPU-profiled, or with a full GC before each memory sample. */
const child = (mode: ReplayMode, where: string, how: { profile?: boolean; retained?: boolean } = {}): ReplayFigures =>
  inChild<ReplayFigures>(
    ['--child', mode, where],
    [
      ...(how.profile
        ? ['--cpu-prof', '--cpu-prof-dir', PROFILES, '--cpu-prof-name', `replay-${mode}.cpuprofile`]
        : []),
      ...(how.retained ? ['--expose-gc'] : []),
    ],
  );

/** The write floors (see write-floor.ts) of the backends, in a process of their own. */
const writeFloorsChild = (log: string): WriteFloor[] => {
  console.log('write floor: the rebuilt documents written once, without the log ...');
  return inChild<WriteFloor[]>(['--write-floors', log, BACKENDS.join(',')]);
};

const median = (runs: ReplayFigures[]): ReplayFigures =>
  [...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[Math.floor(runs.length / 2)]!;

interface Comparison {
  backend: string;
  rounds: number;
  oursOverRaw: number;
  flatMemory: { rule: string; raw: boolean; ours: boolean };
  raw: ReplayFigures;
  ours: ReplayFigures;
  /** From a separate run of each with a full GC before every sample: what memory stays retained as events are read. */
  retained: { raw: MemoryFigures; ours: MemoryFigures };
  allRuns: { raw: number[]; ours: number[] };
  /** The final documents written once; with raw read-and-parse, the most any rebuild writing them could reach. */
  writeFloor?: WriteFloor & { bestOverRaw: number };
}

/** Warms up, races the pair in ROUNDS alternating rounds, then measures retained memory once each. */
const compare = (
  backend: string,
  rawMode: ReplayMode,
  oursMode: ReplayMode,
  where: string,
  rounds: number,
): Comparison => {
  console.log(`${backend}:`);
  child(rawMode, where); // warms the caches (OS, database) for everyone
  const runs = { raw: [] as ReplayFigures[], ours: [] as ReplayFigures[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['raw', 'ours'] as const) : (['ours', 'raw'] as const);
    for (const side of order) {
      const figures = child(side === 'raw' ? rawMode : oursMode, where, {
        profile: round === 0 && Boolean(process.env.CPU_PROF),
      });
      runs[side].push(figures);
      console.log(
        `  round ${round + 1} ${figures.mode.padEnd(7)} ${String(figures.eventsPerSecond).padStart(8)} events/s, max RSS ${figures.memory.maxRssMB} MB`,
      );
    }
  }
  const retained = {
    raw: child(rawMode, where, { retained: true }).memory,
    ours: child(oursMode, where, { retained: true }).memory,
  };
  const raw = median(runs.raw);
  const ours = median(runs.ours);
  // Flat: the retained heap grows by less than 1 MB per 100,000 events (under 10 MB over a million).
  const flat = (side: 'raw' | 'ours') => Math.abs(retained[side].heapSlopeMBPer100k) < 1;
  return {
    backend,
    rounds,
    oursOverRaw: Math.round((ours.eventsPerSecond / raw.eventsPerSecond) * 100) / 100,
    flatMemory: { rule: 'retained heap grows < 1 MB per 100k events', raw: flat('raw'), ours: flat('ours') },
    raw,
    ours,
    retained,
    allRuns: { raw: runs.raw.map((f) => f.eventsPerSecond), ours: runs.ours.map((f) => f.eventsPerSecond) },
  };
};

const print = (c: Comparison, events: number) => {
  console.log(
    `\n${c.backend}, replay of ${events} events: ours/raw ${c.oursOverRaw} (goal >= 0.5); memory flat: raw ${c.flatMemory.raw}, ours ${c.flatMemory.ours}`,
  );
  console.table(
    Object.fromEntries(
      (['raw', 'ours'] as const).map((side) => [
        side === 'raw' ? 'raw read-and-parse' : 'ours: rebuild every projection',
        {
          'events/s': c[side].eventsPerSecond,
          seconds: c[side].seconds,
          'cpu s': c[side].cpuSeconds,
          'max RSS MB': c[side].memory.maxRssMB,
          'max heap MB': c[side].memory.maxHeapUsedMB,
          'retained heap MB': c.retained[side].maxHeapUsedMB,
          'retained MB/100k': c.retained[side].heapSlopeMBPer100k,
        },
      ]),
    ),
  );
  const floor = c.writeFloor;
  if (floor)
    console.log(
      `write floor: the ${floor.documents} rebuilt documents (${floor.megabytes} MB of JSON) written once take ${floor.seconds} s, ` +
        `so a rebuild that reads the log and writes them reaches at most ${floor.bestOverRaw} x raw`,
    );
};

const main = async () => {
  const loadBefore = loadavg();
  const { replayLog } = await import('./replay/replay-log.js');
  const log = await replayLog(EVENTS);
  console.log(
    `Log: ${log.path} (${log.events} events${log.generatedSeconds === null ? ', cached' : `, written in ${log.generatedSeconds} s`})`,
  );
  if (process.env.CPU_PROF) mkdirSync(PROFILES, { recursive: true });
  const comparisons: Comparison[] = [];
  if (BACKENDS.includes('sqlite')) comparisons.push(compare('sqlite', 'raw', 'ours', log.path, ROUNDS));
  if (BACKENDS.includes('postgres')) {
    const { postgresReplayLog } = await import('./replay/postgres-log.js');
    comparisons.push(compare('postgres', 'raw-pg', 'ours-pg', await postgresReplayLog(log), PG_ROUNDS));
  }
  if (!process.env.NO_WRITE_FLOOR) {
    const floors = writeFloorsChild(log.path);
    for (const c of comparisons) {
      const floor = floors.find((f) => f.target === c.backend);
      if (floor)
        c.writeFloor = {
          ...floor,
          bestOverRaw: Math.round((c.raw.seconds / (c.raw.seconds + floor.seconds)) * 100) / 100,
        };
    }
  }
  for (const c of comparisons) print(c, log.events);
  const file = writeResult('replay', {
    benchmark: 'replay: rebuild every projection from the log vs raw read-and-parse',
    goal: 'ours >= 0.5 x raw read-and-parse, flat memory',
    machine: `${machine()}, ${cpus().length} cores`,
    at: new Date().toISOString(),
    // The machine is shared: its load says how much to trust absolute figures.
    loadAverage: {
      before: loadBefore.map((l) => Math.round(l * 10) / 10),
      after: loadavg().map((l) => Math.round(l * 10) / 10),
    },
    log: { ...log, path: log.path.slice(process.cwd().length + 1) },
    comparisons,
  });
  console.log(`wrote ${file}`);
};

const [flag, mode, where] = process.argv.slice(2);
if (flag === '--child') {
  const { replay } = await import('./replay/replay-runs.js');
  console.log(JSON.stringify(await replay(mode as ReplayMode, where!)));
} else if (flag === '--write-floors') {
  const { writeFloors } = await import('./replay/replay-runs.js');
  console.log(JSON.stringify(await writeFloors(mode!, where!.split(','))));
} else {
  await main();
}
