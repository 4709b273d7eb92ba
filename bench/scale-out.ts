import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { measureAwardRate, type AwardRate } from './scale/award-rate.js';
import { measureMarkRates } from './scale/mark-rate.js';
import type { CpuShares } from './scale/cpu-meter.js';
import type { Waits } from './scale/wait-sampler.js';
import { machine, writeResult } from './support/results.js';

/**
 * Scale-out on PostgreSQL (issue 17): awards per second with 1 and 2 board-runner processes sharing
 * BOARD_RUNNER_PARTITIONS partitions, and mark requests per second with 1 and 2 API processes behind
 * one database. The goal for each is 2 processes >= GOAL x one. Everything (PostgreSQL, the processes,
 * the load generator) shares this machine's cores, so the CPU each used is printed beside the rates:
 * once the machine is saturated with one process, a second has no core to add.
 */
const GOAL = 1.7;
const PARTITIONS = Number(process.env.BOARD_RUNNER_PARTITIONS ?? 4);
const CASES = Number(process.env.CASES ?? 2500);
const MARK_SECONDS = Number(process.env.MARK_SECONDS ?? 15);
const WARM_UP_SECONDS = Number(process.env.WARM_UP_SECONDS ?? 3);
// Enough fresh marks for both runs on a fast machine: a run that runs out gets 409s, counted as refused.
const ENROLMENTS = Number(process.env.ENROLMENTS ?? 12_000);

const ratio = (two: number, one: number) => Math.round((two / one) * 100) / 100;
const goal = (two: number, one: number) => ({ ratio: ratio(two, one), met: ratio(two, one) >= GOAL });
const cpuColumns = (cpu: CpuShares, commitsPerItem: number, waits: Waits) => ({
  'PG commits per award/mark': commitsPerItem,
  'sessions waiting: append lock': waits.appendLock,
  'sessions waiting: WAL flush': waits.walFlush,
  ...Object.fromEntries(Object.entries(cpu).map(([k, v]) => [`CPU % ${k}`, v])),
});

const main = async () => {
  const loadBefore = loadavg().map((l) => Math.round(l * 100) / 100);
  console.log(`load average before: ${loadBefore.join(' ')} on ${cpus().length} cores`);

  const awards: AwardRate[] = [];
  for (const runners of [1, 2]) {
    console.log(`awards: ${CASES} cases, ${runners} board runner(s), ${PARTITIONS} partitions ...`);
    awards.push(await measureAwardRate(runners, PARTITIONS, CASES));
  }
  console.log(`marks: ${ENROLMENTS} enrolments seeded, ${WARM_UP_SECONDS} s warm-up + ${MARK_SECONDS} s per run ...`);
  const marks = await measureMarkRates([1, 2], {
    seconds: MARK_SECONDS,
    warmUpSeconds: WARM_UP_SECONDS,
    enrolments: ENROLMENTS,
  });
  const [award1, award2] = [awards[0]!, awards[1]!];
  const [mark1, mark2] = [marks.rates[0]!, marks.rates[1]!];
  const awardGoal = goal(award2.awardsPerSecond, award1.awardsPerSecond);
  const markGoal = goal(mark2.marksPerSecond, mark1.marksPerSecond);

  console.log(
    `\nScale-out on PostgreSQL, ${machine()}, ${cpus().length} cores shared by PostgreSQL, every process and the load generator`,
  );
  console.table({
    'awards/s, 1 board runner': { value: award1.awardsPerSecond },
    'awards/s, 2 board runners': { value: award2.awardsPerSecond },
    [`ratio (goal >= ${GOAL})`]: { value: awardGoal.ratio },
    'goal met?': { value: awardGoal.met ? 'yes' : 'no' },
    'marks/s, 1 API process': { value: mark1.marksPerSecond },
    'marks/s, 2 API processes': { value: mark2.marksPerSecond },
    [`ratio (goal >= ${GOAL}) `]: { value: markGoal.ratio },
    'goal met? ': { value: markGoal.met ? 'yes' : 'no' },
  });
  console.log(
    'Over each measured window: PostgreSQL commits per item (every autocommit query counts), sessions waiting (average), CPU in % of one core (machine: 200 = both cores busy, anything else running included):',
  );
  console.table({
    ...Object.fromEntries(
      awards.map((a) => [
        `${a.runners} board runner(s): ${a.awards} awards in ${a.seconds} s`,
        cpuColumns(a.cpu, a.commitsPerAward, a.waits),
      ]),
    ),
    ...Object.fromEntries(
      marks.rates.map((m) => [
        `${m.apis} API process(es) + projector: ${m.marks} marks in ${m.seconds} s, p50 ${m.latencyMs.p50} ms, p99 ${m.latencyMs.p99} ms, ${m.refused} refused, ${m.errors} errors`,
        cpuColumns(m.cpu, m.commitsPerMark, m.waits),
      ]),
    ),
  });
  const loadAfter = loadavg().map((l) => Math.round(l * 100) / 100);
  console.log(`load average after: ${loadAfter.join(' ')}`);
  const file = writeResult('scale-out', {
    machine: `${machine()}, ${cpus().length} cores`,
    loadAverage: { before: loadBefore, after: loadAfter },
    goal: GOAL,
    awards: { partitions: PARTITIONS, cases: CASES, runs: awards, ...awardGoal },
    marks: { enrolments: marks.enrolments, seedSeconds: marks.seedSeconds, runs: marks.rates, ...markGoal },
  });
  console.log(`written to ${file}`);
};

await main();
