import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { signHs256 } from '#records-api';
import { ensureBuilt, freePort, SystemProcess } from '../support/built-system.js';
import { boardBody, courseBody, learnerBody } from '../support/fixtures.js';
import { TEST_SECRET } from '../support/test-app.js';

/**
 * The standalone system, built as `npm start` runs it, is killed with SIGKILL in the middle of a load
 * of keyed commands and started again on the same data folder: every acknowledged command is still
 * there, and completing the load by retrying every command with its key duplicates nothing.
 */
const OPERATIONS = 240;
const WORKERS = 12;
const KILL_AFTER_ACKNOWLEDGED = 60;

/** The standalone system as `npm start` runs it, on a given data folder, answering on a free port. */
class StandaloneProcess {
  private constructor(
    private readonly system: SystemProcess,
    readonly baseUrl: string,
  ) {}

  static async start(dataDir: string): Promise<StandaloneProcess> {
    const port = await freePort();
    const system = SystemProcess.spawn('dist/apps/records-api/src/standalone/main.js', {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: TEST_SECRET,
      SWEEP_INTERVAL_MS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      KAFKA_BROKERS: '',
    });
    await system.printed(/Credence is listening/);
    return new StandaloneProcess(system, `http://127.0.0.1:${port}`);
  }

  get killedBySigkill(): boolean {
    return this.system.child.signalCode === 'SIGKILL';
  }

  stop(signal: NodeJS.Signals): Promise<void> {
    return this.system.stop(signal);
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
  const learner = await post(
    baseUrl,
    '/v1/learners',
    operation.learnerKey,
    learnerBody({ email: `learner-${index}@example.org` }),
  );
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

  beforeAll(ensureBuilt, 180_000);
  afterAll(async () => {
    await server?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged command and duplicates nothing', async () => {
    server = await StandaloneProcess.start(dataDir);
    const course = await post(server.baseUrl, '/v1/courses', 'kill-test-course', courseBody());
    expect(course.status).toBe(201);
    const courseId = course.body.id;
    // A course no board covers takes no enrolments.
    expect((await post(server.baseUrl, '/v1/boards', 'kill-test-board', boardBody([courseId]))).status).toBe(201);

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
    expect(killed.killedBySigkill).toBe(true);
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
    for (const [index, operation] of operations.entries())
      await runOperation(restarted.baseUrl, courseId, operation, index);
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
