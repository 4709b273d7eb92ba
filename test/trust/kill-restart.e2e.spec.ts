import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { signHs256 } from '#records-api';
import { courseBody, learnerBody } from '../support/fixtures.js';
import { TEST_SECRET } from '../support/test-app.js';

/**
 * The standalone system, built as `npm start` runs it, is killed with SIGKILL in the middle of a load
 * of keyed commands and started again on the same data folder: every acknowledged command is still
 * there, and completing the load by retrying every command with its key duplicates nothing.
 */
const OPERATIONS = 240;
const WORKERS = 12;
const KILL_AFTER_ACKNOWLEDGED = 60;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

class StandaloneProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {}

  static async start(dataDir: string): Promise<StandaloneProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/apps/standalone/src/main.js'], {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTH_JWT_SECRET: TEST_SECRET,
        SWEEP_INTERVAL_MS: '0',
        RATE_LIMIT_PER_MINUTE: '0',
        KAFKA_BROKERS: '',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const started = new StandaloneProcess(child, `http://127.0.0.1:${port}`);
    await started.waitUntilHealthy();
    return started;
  }

  private async waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`standalone exited with ${this.child.exitCode}`);
      try {
        if ((await fetch(`${this.baseUrl}/health`)).ok) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error('standalone did not become healthy in 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}

const registry = signHs256({ sub: 'registry-kill-test', roles: ['registry'] }, TEST_SECRET);

const post = async (baseUrl: string, path: string, key: string, body: unknown) => {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${registry}`, 'content-type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { id: string } };
};

interface Operation {
  learnerKey: string;
  enrolmentKey: string;
  learnerId?: string;
  enrolmentId?: string;
}

/** One learner registered and enrolled, each step under its own key; acknowledged ids are remembered. */
const runOperation = async (baseUrl: string, courseId: string, operation: Operation, index: number): Promise<void> => {
  const learner = await post(baseUrl, '/v1/learners', operation.learnerKey, learnerBody({ email: `learner-${index}@example.org` }));
  expect(learner.status).toBe(201);
  if (operation.learnerId !== undefined) expect(learner.body.id).toBe(operation.learnerId);
  operation.learnerId = learner.body.id;
  const enrolment = await post(baseUrl, '/v1/enrolments', operation.enrolmentKey, {
    learnerId: learner.body.id,
    courseId,
    startDate: '2026-11-23',
  });
  expect(enrolment.status).toBe(201);
  if (operation.enrolmentId !== undefined) expect(enrolment.body.id).toBe(operation.enrolmentId);
  operation.enrolmentId = enrolment.body.id;
};

describe('SIGKILL in the middle of a load, then restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-kill-'));
  let server: StandaloneProcess | undefined;

  beforeAll(() => {
    // The child process runs the built JavaScript, exactly as `npm start` does.
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  }, 120_000);
  afterAll(async () => {
    await server?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged command and duplicates nothing', async () => {
    server = await StandaloneProcess.start(dataDir);
    const course = await post(server.baseUrl, '/v1/courses', 'kill-test-course', courseBody());
    expect(course.status).toBe(201);
    const courseId = course.body.id;

    const operations: Operation[] = Array.from({ length: OPERATIONS }, (_, i) => ({
      learnerKey: `kill-learner-${i}`,
      enrolmentKey: `kill-enrolment-${i}`,
    }));
    let next = 0;
    let acknowledged = 0;
    let refusedByTheKill = 0;
    const killed = server;
    const worker = async () => {
      while (next < OPERATIONS) {
        const index = next++;
        try {
          await runOperation(killed.baseUrl, courseId, operations[index]!, index);
          if (++acknowledged === KILL_AFTER_ACKNOWLEDGED) await killed.stop('SIGKILL');
        } catch (error) {
          // fetch's TypeError comes from Node's realm, not jest's: recognised by its message.
          if ((error as Error).message !== 'fetch failed') throw error;
          refusedByTheKill++;
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    expect(killed.child.signalCode).toBe('SIGKILL');
    // Requests were in flight when it died, and some never got an answer.
    expect(refusedByTheKill).toBeGreaterThan(0);
    const acknowledgedBeforeKill = operations.filter((o) => o.enrolmentId !== undefined).map((o) => ({ ...o }));
    expect(acknowledgedBeforeKill.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);

    server = await StandaloneProcess.start(dataDir);
    const restarted = server;
    for (const { learnerId, enrolmentId } of acknowledgedBeforeKill) {
      const record = await fetch(`${restarted.baseUrl}/v1/enrolments/${enrolmentId}`, {
        headers: { authorization: `Bearer ${registry}` },
      });
      expect(record.status).toBe(200);
      expect(await record.json()).toMatchObject({ id: enrolmentId, learnerId });
    }
    // Completing the load: every command again with its key. Acknowledged ones must answer with their first ids.
    for (const [index, operation] of operations.entries()) await runOperation(restarted.baseUrl, courseId, operation, index);
    await restarted.stop('SIGTERM');

    const store = SqliteEventStore.open({ path: join(dataDir, 'events.db') });
    try {
      const registered: string[] = [];
      const enrolled: string[] = [];
      for await (const event of store.readAll(0, { eventTypes: ['LearnerRegistered', 'EnrolmentStarted'] })) {
        const data = event.data as { learnerId: string; enrolmentId?: string };
        if (event.type === 'LearnerRegistered') registered.push(data.learnerId);
        else enrolled.push(data.enrolmentId!);
      }
      expect(registered.length).toBe(OPERATIONS);
      expect(new Set(registered)).toEqual(new Set(operations.map((o) => o.learnerId)));
      expect(enrolled.length).toBe(OPERATIONS);
      expect(new Set(enrolled)).toEqual(new Set(operations.map((o) => o.enrolmentId)));
    } finally {
      await store.close();
    }
  }, 120_000);
});
