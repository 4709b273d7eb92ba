import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signHs256 } from '#records-api';
import { ensureBuilt, freePort, SystemProcess } from '../support/built-system.js';
import { boardBody, courseBody, learnerBody } from '../support/fixtures.js';
import { TEST_SECRET } from '../support/test-app.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * The built standalone as a real process, with Kafka out of reach for the whole run (its brokers
 * point at a closed port: the shared broker is never stopped) and two Standard Webhooks receivers
 * on 127.0.0.1, one answering 500 for its first seconds. Every event reaches both, verified with
 * the reference library, once each; the failing one delays neither the other nor itself for long.
 */
const registry = signHs256({ sub: 'registry-webhooks', roles: ['registry'] }, TEST_SECRET);
const call = async (baseUrl: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${registry}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await response.json()) as any;
};
const until = async (condition: () => boolean, timeoutMs: number) => {
  for (const deadline = Date.now() + timeoutMs; !condition();) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
};

describe('webhooks from the built standalone process, Kafka unreachable', () => {
  let system: SystemProcess;
  let dataDir: string;
  let baseUrl: string;
  const healthy = new WebhookReceiver('whsec_unset');
  let failingUntil = 0;
  const failing = new WebhookReceiver('whsec_unset', () => (Date.now() < failingUntil ? 500 : 204));

  beforeAll(async () => {
    await ensureBuilt();
    await Promise.all([healthy.start(), failing.start()]);
    dataDir = mkdtempSync(join(tmpdir(), 'credence-webhooks-process-'));
    const port = await freePort();
    system = SystemProcess.spawn('dist/apps/standalone/src/main.js', {
      DATA_DIR: dataDir,
      PORT: String(port),
      AUTH_JWT_SECRET: TEST_SECRET,
      SWEEP_INTERVAL_MS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      KAFKA_BROKERS: `127.0.0.1:${await freePort()}`,
      WEBHOOK_RETRY_SCHEDULE: '500ms,1s,2s,4s',
      WEBHOOK_POLL_MS: '100',
    });
    await system.printed(/Credence is listening/, 60_000);
    baseUrl = `http://127.0.0.1:${port}`;
  }, 240_000);

  afterAll(async () => {
    await system?.stop('SIGTERM');
    await Promise.all([healthy.stop(), failing.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every event once to each endpoint, the failing one delaying neither the other nor Kafka mattering', async () => {
    for (const receiver of [healthy, failing]) {
      const { id } = await call(baseUrl, 'POST', '/v1/webhooks/subscriptions', { url: receiver.url });
      receiver.secret = (await call(baseUrl, 'GET', `/v1/webhooks/subscriptions/${id}/secret`)).secret;
    }
    failingUntil = Date.now() + 2000;
    const course = (await call(baseUrl, 'POST', '/v1/courses', courseBody())).id;
    // A course no board covers takes no enrolments.
    await call(baseUrl, 'POST', '/v1/boards', boardBody([course]));
    const started = Date.now();
    const enrolments: string[] = [];
    for (let i = 0; i < 5; i++) {
      const learner = (await call(baseUrl, 'POST', '/v1/learners', learnerBody({ email: `w${i}@example.org` }))).id;
      enrolments.push(
        (
          await call(baseUrl, 'POST', '/v1/enrolments', {
            learnerId: learner,
            courseId: course,
            startDate: '2026-11-23',
          })
        ).id,
      );
    }
    const created = Date.now();
    const enrolled = (r: WebhookReceiver) =>
      r.accepted().filter((d) => d.payload.type === 'credence.enrolment.started.v1');
    expect(await until(() => enrolled(healthy).length === 5, 10_000)).toBe(true);
    const healthyMs = Date.now() - created;
    expect(await until(() => enrolled(failing).length === 5, 30_000)).toBe(true);
    const failingMs = Date.now() - created;
    // Kafka keeps failing meanwhile; nothing is sent twice.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const receiver of [healthy, failing]) {
      expect(receiver.received.every((r) => r.verified)).toBe(true);
      const ids = receiver.accepted().map((r) => r.headers['webhook-id']);
      expect(new Set(ids).size).toBe(ids.length);
      expect(
        enrolled(receiver)
          .map((r) => (r.payload.data as { enrolmentId: string }).enrolmentId)
          .sort(),
      ).toEqual([...enrolments].sort());
    }
    expect(healthy.received.map((r) => r.headers['x-credence-delivery-attempt'])).toEqual(
      healthy.received.map(() => '1'),
    );
    for (const id of new Set(failing.received.map((r) => String(r.headers['webhook-id'])))) {
      const attempts = failing.received.filter((r) => r.headers['webhook-id'] === id);
      expect(attempts.map((r) => r.headers['x-credence-delivery-attempt'])).toEqual(
        attempts.map((_, i) => String(i + 1)),
      );
    }
    console.log(
      `webhooks over a real process, Kafka unreachable: 5 enrolments made in ${created - started} ms (the endpoint failing from the start); healthy endpoint had all 5 ${healthyMs} ms after the last, the endpoint answering 500 for 2 s ${failingMs} ms after (${failing.received.length} requests)`,
    );
    expect(healthyMs).toBeLessThan(3000);
  }, 90_000);
});
