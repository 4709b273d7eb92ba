import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReplayFigures, ReplayMode } from './replay/replay-runs.js';
import { machine, writeResult } from './support/results.js';

/**
 * Replay: rebuilding every projection from EVENTS (default 1,000,000) realistic events on the
 * embedded SQLite store, against the driver reading and parsing the same rows (the limit).
 * Goal: >= 50% of raw read-and-parse speed, with flat memory. Each run is a child process of its
 * own, so its memory figures are its alone; rounds alternate raw and ours and the median counts.
 * CPU_PROF=1 also writes a .cpuprofile of each first-round child to bench/.data/profiles.
 */
const EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const PROFILES = join(process.cwd(), 'bench', '.data', 'profiles');

/** One run in a fresh process: optionally CPU-profiled, or with a full GC before each memory sample. */
const child = (mode: ReplayMode, path: string, how: { profile?: boolean; retained?: boolean } = {}): ReplayFigures => {
  const flags = [
    ...(how.profile ? ['--cpu-prof', '--cpu-prof-dir', PROFILES, '--cpu-prof-name', `replay-${mode}.cpuprofile`] : []),
    ...(how.retained ? ['--expose-gc'] : []),
  ];
  const output = execFileSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--child', mode, path], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as ReplayFigures;
};

const median = (runs: ReplayFigures[]): ReplayFigures =>
  [...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[Math.floor(runs.length / 2)]!;

const main = async () => {
  const loadBefore = loadavg();
  const { replayLog } = await import('./replay/replay-log.js');
  const log = await replayLog(EVENTS);
  console.log(`Log: ${log.path} (${log.events} events${log.generatedSeconds === null ? ', cached' : `, written in ${log.generatedSeconds} s`})`);
  if (process.env.CPU_PROF) mkdirSync(PROFILES, { recursive: true });
  child('raw', log.path); // warms the OS page cache for everyone
  const runs: Record<ReplayMode, ReplayFigures[]> = { raw: [], ours: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of round % 2 === 0 ? (['raw', 'ours'] as const) : (['ours', 'raw'] as const)) {
      const figures = child(mode, log.path, { profile: round === 0 && Boolean(process.env.CPU_PROF) });
      runs[mode].push(figures);
      console.log(`  round ${round + 1} ${mode.padEnd(4)} ${String(figures.eventsPerSecond).padStart(8)} events/s, max RSS ${figures.memory.maxRssMB} MB`);
    }
  }
  // Memory: one more run each, sampling what is retained after a full GC (timed runs are not slowed by it).
  const retained = { raw: child('raw', log.path, { retained: true }).memory, ours: child('ours', log.path, { retained: true }).memory };
  const raw = median(runs.raw);
  const ours = median(runs.ours);
  const ratio = Math.round((ours.eventsPerSecond / raw.eventsPerSecond) * 100) / 100;
  // Flat: the retained heap grows by less than 1 MB per 100,000 events (under 10 MB over a million).
  const flat = (mode: ReplayMode) => Math.abs(retained[mode].heapSlopeMBPer100k) < 1;
  const table = Object.fromEntries(
    [raw, ours].map((f) => [
      f.mode === 'raw' ? 'raw read-and-parse' : 'ours: rebuild every projection',
      {
        'events/s': f.eventsPerSecond,
        seconds: f.seconds,
        'max RSS MB': f.memory.maxRssMB,
        'max heap MB': f.memory.maxHeapUsedMB,
        'retained heap MB': retained[f.mode].maxHeapUsedMB,
        'retained heap MB/100k': retained[f.mode].heapSlopeMBPer100k,
        'RSS MB/100k': retained[f.mode].rssSlopeMBPer100k,
      },
    ]),
  );
  console.log(`\nreplay of ${log.events} events: ours/raw ${ratio} (goal >= 0.5); memory flat: raw ${flat('raw')}, ours ${flat('ours')}`);
  console.table(table);
  const file = writeResult('replay', {
    benchmark: 'replay: rebuild every projection from the log vs raw read-and-parse',
    goal: 'ours >= 0.5 x raw read-and-parse, flat memory',
    machine: machine(),
    at: new Date().toISOString(),
    // The machine is shared: its load says how much to trust absolute figures.
    loadAverage: { before: loadBefore.map((l) => Math.round(l * 10) / 10), after: loadavg().map((l) => Math.round(l * 10) / 10) },
    log: { ...log, path: log.path.slice(process.cwd().length + 1) },
    rounds: ROUNDS,
    oursOverRaw: ratio,
    flatMemory: { rule: 'retained heap grows < 1 MB per 100k events', raw: flat('raw'), ours: flat('ours') },
    raw,
    ours,
    /** From a separate run of each with a full GC before every sample: what memory is retained as events are read. */
    retained,
    allRuns: Object.fromEntries(Object.entries(runs).map(([mode, list]) => [mode, list.map((f) => f.eventsPerSecond)])),
  });
  console.log(`wrote ${file}`);
};

const [flag, mode, path] = process.argv.slice(2);
if (flag === '--child') {
  const { replay } = await import('./replay/replay-runs.js');
  console.log(JSON.stringify(await replay(mode as ReplayMode, path!)));
}
else await main();
