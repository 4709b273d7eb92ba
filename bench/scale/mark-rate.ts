import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { PROJECTIONS_CHECKPOINT, WORKSPACE_CHECKPOINT } from '#runtime';
import { postingEach, type BenchRequest } from '../support/drive.js';
import { freePort } from '../support/standalone-server.js';
import { BenchSchema } from './bench-schema.js';
import { startCpuMeter, type CpuShares } from './cpu-meter.js';
import { seedMarkSupply } from './mark-supply.js';
import { RoleProcess } from './role-process.js';
import { startWaitSampler, type Waits } from './wait-sampler.js';

const API = 'dist/apps/records-api/src/main.js';
const PROJECTOR = 'dist/apps/projector/src/main.js';
const CONNECTIONS = 10;

export interface MarkRate {
  apis: number;
  connections: number;
  seconds: number;
  /** Marks recorded (2xx) per second; refusals and errors are counted apart. */
  marksPerSecond: number;
  marks: number;
  refused: number;
  errors: number;
  latencyMs: { p50: number; p99: number };
  /** PostgreSQL transactions committed per recorded mark in the window. */
  commitsPerMark: number;
  /** Sessions waiting on the append lock and on the WAL flush, on average over the window. */
  waits: Waits;
  cpu: CpuShares;
}

/** autocannon's connections go round-robin over the URLs: the load split evenly, as a load balancer would. */
const drive = (bases: string[], next: () => BenchRequest, seconds: number) =>
  autocannon({
    url: bases,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: postingEach(next),
  });

const caughtUp = async (schema: BenchSchema, timeoutMs: number): Promise<void> => {
  for (const deadline = Date.now() + timeoutMs; ; await sleep(250)) {
    const head = await schema.head();
    const positions = await Promise.all(
      [PROJECTIONS_CHECKPOINT, WORKSPACE_CHECKPOINT].map((n) => schema.checkpoint(n)),
    );
    if (positions.every((p) => p >= head)) return;
    if (Date.now() > deadline) throw new Error(`the projector is still behind ${head}: ${positions.join(', ')}`);
  }
};

/**
 * Mark requests per second with each of `apiCounts` API processes on one PostgreSQL schema, one
 * projector building the read models they read (so each mark's read-your-writes wait is real). The
 * enrolments are seeded once and the projector catches up before any API starts; each run then marks
 * components nobody has marked, after a warm-up of its own (so the 2-API run finds the log longer by
 * the 1-API run's marks: a few thousand events on some forty thousand).
 */
export const measureMarkRates = async (
  apiCounts: number[],
  options: { seconds: number; warmUpSeconds: number; enrolments: number },
): Promise<{ rates: MarkRate[]; enrolments: number; seedSeconds: number }> => {
  const schema = await BenchSchema.create();
  const processes: RoleProcess[] = [];
  try {
    const seedStarted = performance.now();
    const supply = await seedMarkSupply(schema, options.enrolments);
    const projector = RoleProcess.start(PROJECTOR, schema.env());
    processes.push(projector);
    await caughtUp(schema, 600_000);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const rates: MarkRate[] = [];
    for (const count of apiCounts) {
      const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
      const apis = ports.map((port) =>
        RoleProcess.start(API, schema.env({ PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0' })),
      );
      processes.push(...apis);
      await Promise.all(apis.map((api) => api.printed(/records-api listening/)));
      const bases = ports.map((port) => `http://127.0.0.1:${port}`);
      await drive(bases, supply.next, options.warmUpSeconds);
      const commitsBefore = await schema.commits();
      const waits = startWaitSampler(schema);
      const meter = startCpuMeter({ 'API processes': apis.map((a) => a.pid), projector: [projector.pid] });
      const result = await drive(bases, supply.next, options.seconds);
      const cpu = meter();
      const waited = await waits();
      const commits = (await schema.commits()) - commitsBefore;
      await Promise.all(apis.map((api) => api.stop()));
      const marks = result.requests.total - result.non2xx;
      rates.push({
        apis: count,
        connections: CONNECTIONS,
        seconds: result.duration,
        marksPerSecond: Math.round(marks / result.duration),
        marks,
        refused: result.non2xx,
        errors: result.errors + result.timeouts,
        latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
        commitsPerMark: Math.round((commits / marks) * 10) / 10,
        waits: waited,
        cpu,
      });
    }
    return { rates, enrolments: supply.enrolments, seedSeconds: Math.round(seedSeconds * 10) / 10 };
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await schema.drop();
  }
};
