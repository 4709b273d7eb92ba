import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The last step of `npm run bench`: the marks ladder and every goal side by side, from the results
 * the benches of this run wrote (bench/results/marks-ladder.json, replay.json).
 */
interface LadderResult {
  mode: string;
  ladder: {
    label: string;
    requestsPerSecond: number;
    overMinimal: number;
    latencyMs: { p99: number };
    serverCpuMsPerRequest: number;
  }[];
  goals: { goal: string; measured: string; met: boolean }[];
}
interface ReplayResult {
  log: { events: number };
  comparisons: {
    backend: string;
    oursOverRaw: number;
    flatMemory: { ours: boolean };
    writeFloor?: { seconds: number; bestOverRaw: number };
  }[];
}

const REPLAY_OVER_RAW = 0.5;
const read = <T>(name: string): T =>
  JSON.parse(readFileSync(join(process.cwd(), 'bench', 'results', `${name}.json`), 'utf8'));

const marks = read<LadderResult>('marks-ladder');
const replay = read<ReplayResult>('replay');

console.log(`\nThe marks ladder (${marks.mode}): same request at every rung, 10 connections`);
console.table(
  Object.fromEntries(
    marks.ladder.map((r) => [
      r.label,
      {
        'req/s': r.requestsPerSecond,
        'x minimal': r.overMinimal,
        'p99 ms': r.latencyMs.p99,
        'CPU ms/req': r.serverCpuMsPerRequest,
      },
    ]),
  ),
);
const goals = [
  ...marks.goals,
  ...replay.comparisons.map((c) => ({
    goal: `replay on ${c.backend} >= ${REPLAY_OVER_RAW} x raw read-and-parse, memory flat`,
    measured:
      `${c.oursOverRaw} x raw over ${replay.log.events} events, memory ${c.flatMemory.ours ? 'flat' : 'grows'}` +
      (c.writeFloor ? `; writing the final documents once bounds any rebuild at ${c.writeFloor.bestOverRaw} x` : ''),
    met: c.oursOverRaw >= REPLAY_OVER_RAW && c.flatMemory.ours,
  })),
];
console.log('Goals');
console.table(goals);
