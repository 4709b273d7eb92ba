import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { signHs256 } from '#records-api';
import { benchCourse, openSeedStores, Seeder, type DefinedCourse } from './support/seed.js';
import { machine, writeResult } from './support/results.js';
import { cpuSecondsOf, pinBenchProcess, startStandalone } from './support/standalone-server.js';

/**
 * Record-mark throughput and latency over HTTP on the embedded default: the standalone system
 * (projections, board runner, moderation sampling, outcomes, cases and awards all in its one
 * process, as `npm start` runs it) on a temp DATA_DIR, driven by autocannon over loopback.
 *
 * Every request is a valid, distinct POST /v1/enrolments/:id/marks by a tutor assigned to the
 * course: the log is seeded with enrolments (on COURSES courses) whose components are all
 * submitted, and each request marks the next unmarked one.
 * Marks of one enrolment are BLOCK requests apart, so no two in flight hit the same stream.
 *
 * The floor: afterwards the first FLOOR_MARKS marks are sent again. Each is refused with 409 (the
 * component is marked) after all the work a mark does before it writes: HTTP, token, rate limit,
 * validation, the course and enrolment streams read and folded, the decision. No write, no
 * projection, no board runner: what a mark costs at least on this stack, so its req/s is the
 * ceiling for the marks above.
 */
const CONNECTIONS = (process.env.CONNECTIONS ?? '10,50').split(',').map(Number);
const MARKS_PER_RUN = Number(process.env.MARKS ?? 20_000);
const WARMUP_MARKS = Number(process.env.WARMUP ?? 2_000);
const FLOOR_MARKS = Number(process.env.FLOOR_MARKS ?? 10_000);
const COMPONENTS = 4;
const COURSES = 20;
const TUTORS_PER_COURSE = 10;
const tutorOf = (course: number, tutor: number) => `tutor-${course}-${tutor}`;
const BLOCK = 1_000;
const SECRET = 'bench-secret-bench-secret-bench-secret-00';
// 65 is 5 from every boundary (50/60/70) and a pass: only the systematic 1-in-10 sample holds marks.
const MARK = 65;

interface RunFigures {
  connections: number;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  non2xx: number;
  /** Responses by HTTP status code. */
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** CPU time the server process used per request: comparable across runs on a busy machine. */
  serverCpuMsPerRequest: number;
}

const main = async () => {
  const pinned = pinBenchProcess();
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-bench-http-'));
  const runs = [WARMUP_MARKS, ...CONNECTIONS.map(() => MARKS_PER_RUN)];
  const totalMarks = runs.reduce((a, b) => a + b, 0);
  const enrolmentCount = Math.ceil(totalMarks / COMPONENTS / BLOCK) * BLOCK;

  const seedStarted = performance.now();
  const stores = await openSeedStores(dataDir, SECRET);
  const seeder = new Seeder(stores.store);
  // COURSES courses with TUTORS_PER_COURSE assigned tutors each (only assigned tutors may mark).
  const courses: DefinedCourse[] = [];
  for (let c = 0; c < COURSES; c++) {
    const tutorIds = Array.from({ length: TUTORS_PER_COURSE }, (_, t) => tutorOf(c, t));
    courses.push(await seeder.course({ ...benchCourse(`HTTP${c}`, COMPONENTS), tutorIds }));
  }
  await seeder.board(courses.map((c) => c.courseId));
  const componentIds = courses[0]!.components.map((c) => c.id);
  const enrolments: string[] = [];
  for (let i = 0; i < enrolmentCount; i++)
    enrolments.push(await seeder.enrolment(await seeder.learner(i), courses[i % COURSES]!, componentIds));
  await stores.close();
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  // Mark order: block by block, every component of the block's enrolments in turn.
  const tokens = new Map<string, string>();
  const tokenOf = (tutor: string) =>
    tokens.get(tutor) ?? tokens.set(tutor, signHs256({ sub: tutor, roles: ['tutor'] }, SECRET, 3 * 3600)).get(tutor)!;
  const marks: { path: string; body: string; token: string }[] = [];
  for (let block = 0; block < enrolmentCount; block += BLOCK)
    for (const componentId of componentIds)
      for (let i = block; i < block + BLOCK; i++)
        marks.push({
          path: `/v1/enrolments/${enrolments[i]}/marks`,
          body: JSON.stringify({ componentId, mark: MARK }),
          token: tokenOf(tutorOf(i % COURSES, marks.length % TUTORS_PER_COURSE)),
        });

  const server = await startStandalone({ dataDir, secret: SECRET, cpuProfileDir: process.env.CPU_PROF_DIR });
  await waitForProjections(server.base, 120_000);
  let next = 0;
  const drive = async (connections: number, amount: number): Promise<RunFigures> => {
    const cpuBefore = cpuSecondsOf(server.pid);
    const result = await autocannon({
      url: server.base,
      connections,
      amount,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          setupRequest: (request: autocannon.Request) => {
            const mark = marks[next++]!;
            return {
              ...request,
              path: mark.path,
              body: mark.body,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${mark.token}` },
            };
          },
        },
      ],
    });
    const seconds = result.duration;
    return {
      connections,
      requests: result.requests.total,
      seconds: Math.round(seconds * 100) / 100,
      requestsPerSecond: Math.round(result.requests.total / seconds),
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
        mean: result.latency.mean,
      },
      non2xx: result.non2xx,
      statusCodes: statusCodesOf(result),
      errors: result.errors,
      timeouts: result.timeouts,
      serverCpuMsPerRequest:
        Math.round(((cpuSecondsOf(server.pid) - cpuBefore) * 1000 * 100) / result.requests.total) / 100,
    };
  };

  await drive(10, WARMUP_MARKS);
  const figures: RunFigures[] = [];
  for (const connections of CONNECTIONS) {
    await waitForProjections(server.base, 60_000);
    figures.push(await drive(connections, MARKS_PER_RUN));
  }
  await waitForProjections(server.base, 60_000);
  next = 0;
  const floor = await drive(10, Math.min(FLOOR_MARKS, totalMarks));
  await server.stop();
  if (process.env.KEEP_DATA) console.log(`data kept in ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });

  const result = {
    benchmark: 'POST /v1/enrolments/:id/marks, standalone on embedded SQLite, autocannon over loopback',
    goal: '>= 2000 req/s with p99 <= 50 ms',
    seeded: {
      enrolments: enrolmentCount,
      courses: COURSES,
      components: COMPONENTS,
      tutors: COURSES * TUTORS_PER_COURSE,
      seconds: Math.round(seedSeconds * 10) / 10,
    },
    runs: figures,
    floor: {
      what: 'the same mark requests again, each refused with 409 after reading, folding and deciding: no write',
      ...floor,
    },
    pinning: pinned,
    machine: machine(),
  };
  console.table(
    Object.fromEntries(
      [
        ...figures.map((f) => [`${f.connections} connections`, f] as const),
        ['floor (refused, no write)', floor] as const,
      ].map(([label, f]) => [
        label,
        {
          'req/s': f.requestsPerSecond,
          'p50 ms': f.latencyMs.p50,
          'p99 ms': f.latencyMs.p99,
          'max ms': f.latencyMs.max,
          non2xx: f.non2xx,
          errors: f.errors,
          'server CPU ms/req': f.serverCpuMsPerRequest,
        },
      ]),
    ),
  );
  console.log(`written to ${writeResult('http-marks', result)}`);
  const refusedAsExpected = floor.statusCodes['409'] === floor.requests && floor.errors === 0;
  if (!refusedAsExpected) console.error(`the floor run was not all 409s: ${JSON.stringify(floor.statusCodes)}`);
  if (figures.some((f) => f.non2xx > 0 || f.errors > 0) || !refusedAsExpected) process.exitCode = 1;
};

/** autocannon counts responses by status code; its type declarations leave that out. */
const statusCodesOf = (result: autocannon.Result): Record<string, number> => {
  const stats = (result as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  return Object.fromEntries(Object.entries(stats).map(([code, { count }]) => [code, count]));
};

/** Waits until the read models have caught up with the log (GET /health lag 0). */
const waitForProjections = async (base: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = (await (await fetch(`${base}/health`)).json()) as { projections: { lag: number } };
    if (health.projections.lag === 0) return;
    if (Date.now() > deadline) throw new Error(`projections still ${health.projections.lag} events behind`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

await main();
