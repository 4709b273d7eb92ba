import autocannon from 'autocannon';
import { cpuSecondsOf } from './standalone-server.js';

/** One request of a run: what autocannon sends next. */
export interface BenchRequest {
  path: string;
  body: string;
  token: string;
}

/** autocannon's requests: each a POST of `next()`'s path and body under its token. */
export const postingEach = (next: () => BenchRequest): autocannon.Request[] => [
  {
    method: 'POST',
    setupRequest: (request: autocannon.Request) => {
      const { path, body, token } = next();
      return {
        ...request,
        path,
        body,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      };
    },
  },
];

export interface RunFigures {
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

export interface DriveOptions {
  connections: number;
  /** Run for this long, or for `amount` requests. */
  seconds?: number;
  amount?: number;
}

/** POSTs `next()`'s requests at a server over loopback with autocannon, and what its process spent on them. */
export const drive = async (
  server: { base: string; pid: number },
  next: () => BenchRequest,
  options: DriveOptions,
): Promise<RunFigures> => {
  const cpuBefore = cpuSecondsOf(server.pid);
  const result = await autocannon({
    url: server.base,
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.seconds ?? 10 } : { amount: options.amount }),
    timeout: 30,
    requests: postingEach(next),
  });
  const seconds = result.duration;
  return {
    connections: options.connections,
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
      Math.round(((cpuSecondsOf(server.pid) - cpuBefore) * 1000 * 100) / Math.max(1, result.requests.total)) / 100,
  };
};

/** autocannon counts responses by status code; its type declarations leave that out. */
const statusCodesOf = (result: autocannon.Result): Record<string, number> => {
  const stats = (result as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  return Object.fromEntries(Object.entries(stats).map(([code, { count }]) => [code, count]));
};

/** Waits until the read models have caught up with the log (GET /health lag 0). */
export const waitForProjections = async (base: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = (await (await fetch(`${base}/health`)).json()) as { projections: { lag: number } };
    if (health.projections.lag === 0) return;
    if (Date.now() > deadline) throw new Error(`projections still ${health.projections.lag} events behind`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

/** The median run of several by req/s (the run itself, so its latency and CPU belong to it). */
export const medianRun = (runs: readonly RunFigures[]): RunFigures =>
  [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(runs.length / 2)]!;
