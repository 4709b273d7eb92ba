import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signHs256 } from '#records-api';
import { percentiles } from './stats.js';
import { benchCourse, openSeedStores, Seeder } from './support/seed.js';
import { machine, writeResult } from './support/results.js';
import { cpuSecondsOf, pinBenchProcess, startStandalone } from './support/standalone-server.js';

/**
 * Record queries at scale on the embedded default: LEARNERS learners with 10 events each (a
 * registration, and two enrolments with their submissions: 1 + 5 + 4 events), seeded through
 * the store port as the server opens it, then read models built by the standalone server itself
 * as it starts (its subscription catches up). Then GET /v1/learners/:id/record and
 * GET /v1/enrolments/:id for random learners, one request at a time over a keep-alive connection.
 */
const LEARNERS = Number(process.env.LEARNERS ?? 100_000);
const QUERIES = Number(process.env.QUERIES ?? 5_000);
const SECRET = 'bench-secret-bench-secret-bench-secret-00';

const main = async () => {
  const pinned = pinBenchProcess();
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-bench-scale-'));

  const seedStarted = performance.now();
  const stores = await openSeedStores(dataDir, SECRET);
  const seeder = new Seeder(stores.store);
  const four = await seeder.course(benchCourse('SCALE4', 4));
  const three = await seeder.course(benchCourse('SCALE3', 3));
  const ids = (course: typeof four) => course.components.map((c) => c.id);
  const learners: { learnerId: string; enrolmentId: string }[] = [];
  for (let i = 0; i < LEARNERS; i++) {
    const learner = await seeder.learner(i);
    const enrolmentId = await seeder.enrolment(learner, four, ids(four));
    await seeder.enrolment(learner, three, ids(three));
    learners.push({ learnerId: learner.learnerId, enrolmentId });
    if ((i + 1) % 10_000 === 0)
      console.log(`seeded ${i + 1} learners (${Math.round((performance.now() - seedStarted) / 1000)} s)`);
  }
  await stores.close();
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const server = await startStandalone({ dataDir, secret: SECRET, cpuProfileDir: process.env.CPU_PROF_DIR });
  const catchUpStarted = performance.now();
  const events = await waitForProjections(server.base, 30 * 60_000);
  const catchUpSeconds = (performance.now() - catchUpStarted) / 1000;

  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const port = Number(new URL(server.base).port);
  // Several registry callers: one would exceed the per-caller rate limit, which stays on as shipped.
  const tokens = Array.from({ length: 20 }, (_, i) =>
    signHs256({ sub: `registry-bench-${i}`, roles: ['registry'] }, SECRET, 3 * 3600),
  );
  let calls = 0;
  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          agent,
          headers: { authorization: `Bearer ${tokens[calls++ % tokens.length]}` },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(performance.now() - started)
              : reject(new Error(`GET ${path}: ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  const measure = async (path: (learner: (typeof learners)[number]) => string) => {
    for (let i = 0; i < 200; i++) await get(path(learners[Math.floor(Math.random() * learners.length)]!)); // warm-up
    const cpuBefore = cpuSecondsOf(server.pid);
    const sample: number[] = [];
    for (let i = 0; i < QUERIES; i++)
      sample.push(await get(path(learners[Math.floor(Math.random() * learners.length)]!)));
    return {
      latencyMs: percentiles(sample),
      serverCpuMsPerRequest: Math.round(((cpuSecondsOf(server.pid) - cpuBefore) * 100_000) / QUERIES) / 100,
    };
  };
  const record = await measure((l) => `/v1/learners/${l.learnerId}/record`);
  const enrolment = await measure((l) => `/v1/enrolments/${l.enrolmentId}`);
  agent.destroy();
  await server.stop();
  if (process.env.KEEP_DATA) console.log(`data kept in ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });

  const result = {
    benchmark: 'record queries at scale, standalone on embedded SQLite, one request at a time over loopback',
    goal: 'p99 < 10 ms',
    learners: LEARNERS,
    events,
    queries: QUERIES,
    seedSeconds: Math.round(seedSeconds),
    readModelCatchUpSeconds: Math.round(catchUpSeconds),
    'GET /v1/learners/:id/record': record,
    'GET /v1/enrolments/:id': enrolment,
    pinning: pinned,
    machine: machine(),
  };
  console.table({
    'GET /v1/learners/:id/record': { ...record.latencyMs, 'server CPU ms/req': record.serverCpuMsPerRequest },
    'GET /v1/enrolments/:id': { ...enrolment.latencyMs, 'server CPU ms/req': enrolment.serverCpuMsPerRequest },
  });
  console.log(
    `${LEARNERS} learners, ${events} events; seeded in ${result.seedSeconds} s, read models caught up in ${result.readModelCatchUpSeconds} s`,
  );
  console.log(`written to ${writeResult('scale-records', result)}`);
};

/** Waits until the read models have caught up with the log; returns the log's head position. */
const waitForProjections = async (base: string, timeoutMs: number): Promise<number> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = (await (await fetch(`${base}/health`)).json()) as {
      eventStore: { headPosition: number };
      projections: { lag: number };
    };
    if (health.projections.lag === 0) return health.eventStore.headPosition;
    if (Date.now() > deadline) throw new Error(`projections still ${health.projections.lag} events behind`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};

await main();
