import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_KAFKA_TOPIC } from '#integration';
import { signHs256 } from '#records-api';
import { ensureBuilt, freePort, SystemProcess } from '../support/built-system.js';
import { boardBody, courseBody, learnerBody } from '../support/fixtures.js';
import { TEST_SECRET } from '../support/test-app.js';
import { WebhookReceiver, type ReceivedWebhook } from '../support/webhook-receiver.js';
import { CollectingConsumer, kafkaClient, kafkaSh, RUN_ID } from './kafka-support.js';

/**
 * The "done when", over real processes: the built standalone, three Standard Webhooks
 * receivers on 127.0.0.1 verifying every delivery with the reference library, and a Kafka broker
 * of this test's own (deploy/kafka/kafka.sh on a free port and a data folder of its own: the
 * shared broker on :9092 is never touched).
 *
 * 1. Kafka is out: the process starts with its brokers on a port where nothing listens yet.
 *    Events made then reach the healthy endpoint at once; then the broker is started on that port
 *    and Kafka catches up, while no webhook delivery is repeated.
 * 2. An endpoint answers 500 for a real minute: Kafka and the healthy endpoint get every event made
 *    meanwhile within seconds; the failing one gets each once when it recovers, attempts numbered.
 * 3. Another endpoint refuses the first events until they are dead letters (its later events still
 *    go through); each is replayed through the API, one and then all, and arrives once.
 * The healthy endpoint receives every event of the feed, once.
 */
const WINDOW_MS = 60_000;
/** Sums to 79 s, never under 63 s with the ±20 % jitter: the minute-long failure is retried through, never dead-lettered. */
const RETRY_SCHEDULE = '1s,2s,4s,8s,16s,48s';
const PROMPT_MS = 3000;
const ENROLMENT_STARTED = 'credence.enrolment.started.v1';

const registry = signHs256({ sub: 'registry-webhooks', roles: ['registry'] }, TEST_SECRET);

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> => {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not so after ${timeoutMs} ms`);
    await sleep(50);
  }
  return Date.now() - started;
};

const enrolmentOf = (delivery: ReceivedWebhook) => (delivery.payload.data as { enrolmentId?: string }).enrolmentId;
const acceptedIds = (receiver: WebhookReceiver) => receiver.accepted().map((d) => String(d.headers['webhook-id']));
const has = (receiver: WebhookReceiver, enrolments: readonly string[]) => () =>
  enrolments.every((e) => receiver.accepted().some((d) => enrolmentOf(d) === e));

/** Every request for one event carries attempt 1, 2, 3, … in order. */
const attemptsInOrder = (receiver: WebhookReceiver) =>
  [...new Set(receiver.received.map((r) => String(r.headers['webhook-id'])))].every((id) => {
    const attempts = receiver.received.filter((r) => r.headers['webhook-id'] === id);
    return attempts.every((r, i) => r.headers['x-credence-delivery-attempt'] === String(i + 1));
  });

/** Waits for Credence's topic on the broker; its number of partitions. */
const topicPartitions = async (broker: string): Promise<number> => {
  const admin = kafkaClient(`webhooks-done-when-${RUN_ID}`, [broker]).admin();
  await admin.connect();
  try {
    let partitions = 0;
    await until(async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [] });
      partitions = topics.find((t) => t.name === DEFAULT_KAFKA_TOPIC)?.partitions.length ?? 0;
      return partitions > 0;
    }, 60_000);
    return partitions;
  } finally {
    await admin.disconnect();
  }
};

describe('webhooks and Kafka from the built standalone process (done when)', () => {
  let system: SystemProcess;
  const folders: string[] = [];
  let baseUrl: string;
  let kafkaPort: number;
  let brokerEnv: Record<string, string>;
  const healthy = new WebhookReceiver('whsec_unset');
  let failingUntil = 0;
  const failing = new WebhookReceiver('whsec_unset', () => (Date.now() < failingUntil ? 500 : 204));
  /** While `refusingNew`, refuses every event it is first sent, and keeps refusing those (they become dead letters) until healed. */
  let refusingNew = true;
  const refused = new Set<string>();
  const refusing = new WebhookReceiver('whsec_unset', (_n, d) => {
    const id = String(d.headers['webhook-id']);
    if (refusingNew) refused.add(id);
    return refused.has(id) ? 500 : 204;
  });
  let consumer: CollectingConsumer | undefined;

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${registry}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : (response.json() as Promise<any>);
  };
  const subscribe = async (receiver: WebhookReceiver) => {
    const { id } = await call('POST', '/v1/webhooks/subscriptions', { url: receiver.url });
    receiver.secret = (await call('GET', `/v1/webhooks/subscriptions/${id}/secret`)).secret;
    return id as string;
  };
  let course: string;
  const enrol = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const learner = (await call('POST', '/v1/learners', learnerBody())).id;
      ids.push(
        (await call('POST', '/v1/enrolments', { learnerId: learner, courseId: course, startDate: '2026-11-23' })).id,
      );
    }
    return ids;
  };
  const kafkaHas = (enrolments: readonly string[]) => () =>
    enrolments.every((e) =>
      consumer!.received.some((r) => (r.event.data as { enrolmentId?: string }).enrolmentId === e),
    );

  beforeAll(async () => {
    await ensureBuilt();
    await Promise.all([healthy.start(), failing.start(), refusing.start()]);
    const dataDir = mkdtempSync(join(tmpdir(), 'credence-webhooks-process-'));
    const kafkaData = mkdtempSync(join(tmpdir(), 'credence-webhooks-kafka-'));
    folders.push(dataDir, kafkaData);
    kafkaPort = await freePort();
    brokerEnv = {
      KAFKA_PORT: String(kafkaPort),
      KAFKA_CONTROLLER_PORT: String(await freePort()),
      KAFKA_DATA: kafkaData,
      KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m',
    };
    const port = await freePort();
    system = SystemProcess.spawn('dist/apps/records-api/src/standalone/main.js', {
      DATA_DIR: dataDir,
      PORT: String(port),
      AUTH_JWT_SECRET: TEST_SECRET,
      SWEEP_INTERVAL_MS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
      KAFKA_TOPIC_PARTITIONS: '3',
      WEBHOOK_RETRY_SCHEDULE: RETRY_SCHEDULE,
      WEBHOOK_POLL_MS: '100',
    });
    await system.printed(/Credence is listening/, 60_000);
    baseUrl = `http://127.0.0.1:${port}`;
    course = (await call('POST', '/v1/courses', courseBody())).id;
    // A course no board covers takes no enrolments.
    await call('POST', '/v1/boards', boardBody([course]));
  }, 240_000);

  afterAll(async () => {
    await consumer?.stop();
    await system?.stop('SIGTERM');
    if (brokerEnv) await kafkaSh('stop', 60_000, brokerEnv);
    await Promise.all([healthy.stop(), failing.stop(), refusing.stop()]);
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }, 90_000);

  it('keeps Kafka and every endpoint independent through a Kafka outage and a minute of 500s, and replays dead letters through the API once', async () => {
    const timings: string[] = [];
    await subscribe(healthy);
    const refusingId = await subscribe(refusing);

    // 1. Kafka out of reach: webhooks go on; the broker comes up; nothing is sent twice.
    const duringOutage = await enrol(3);
    await until(() => refused.size === duringOutage.length, PROMPT_MS);
    refusingNew = false;
    timings.push(
      `healthy endpoint had the 3 events of the Kafka outage in ${await until(has(healthy, duringOutage), PROMPT_MS)} ms`,
    );
    const broker = await kafkaSh('start', 180_000, brokerEnv);
    expect(broker.code).toBe(0);
    timings.push(`second broker started in ${broker.ms} ms`);
    // Read only once Credence has made its topic (a consumer asking first would have the broker auto-create it).
    const partitions = await topicPartitions(`127.0.0.1:${kafkaPort}`);
    expect(partitions).toBe(3);
    consumer = new CollectingConsumer(DEFAULT_KAFKA_TOPIC, `webhooks-done-when-${RUN_ID}`, [`127.0.0.1:${kafkaPort}`]);
    await consumer.start();
    timings.push(
      `Kafka had the outage's events ${await until(kafkaHas(duringOutage), 60_000)} ms after the broker was up`,
    );

    // 2. One endpoint answers 500 for a minute; Kafka and the healthy endpoint do not wait for it.
    await subscribe(failing);
    failingUntil = Date.now() + WINDOW_MS;
    const lateness = { kafka: 0, healthy: 0 };
    const duringFailure: string[] = [];
    while (Date.now() < failingUntil - 10_000) {
      const made = await enrol(1);
      duringFailure.push(...made);
      const [kafkaMs, healthyMs] = await Promise.all([
        until(kafkaHas(made), 30_000),
        until(has(healthy, made), 30_000),
      ]);
      lateness.kafka = Math.max(lateness.kafka, kafkaMs);
      lateness.healthy = Math.max(lateness.healthy, healthyMs);
      await sleep(5000);
    }
    expect(Date.now()).toBeLessThan(failingUntil);
    expect(failing.accepted()).toHaveLength(0);
    timings.push(
      `while one endpoint answered 500 for ${WINDOW_MS / 1000} s, ${duringFailure.length} events reached Kafka within ${lateness.kafka} ms and the healthy endpoint within ${lateness.healthy} ms each`,
    );
    expect(lateness.kafka).toBeLessThan(PROMPT_MS);
    expect(lateness.healthy).toBeLessThan(PROMPT_MS);
    const recovered = await until(has(failing, duringFailure), 150_000);
    timings.push(
      `the failing endpoint had all ${duringFailure.length} ${recovered} ms after its minute ended (${failing.received.length} requests)`,
    );

    // 3. The endpoint that refused the outage's events: dead letters, listed, then replayed through the API.
    const deadLetters = async () =>
      ((await call('GET', '/v1/webhooks/dead-letters')) as { subscriptionId: string; eventId: string }[]).filter(
        (d) => d.subscriptionId === refusingId,
      );
    await until(async () => (await deadLetters()).length === duringOutage.length, 120_000);
    expect(has(refusing, duringFailure)()).toBe(true);
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toContain(`credence_webhook_dead_letters{subscription="${refusingId}"} ${duringOutage.length}`);
    refused.clear();
    const [first, ...rest] = await deadLetters();
    expect(
      await call('POST', `/v1/webhooks/subscriptions/${refusingId}/dead-letter-replays`, { eventId: first!.eventId }),
    ).toEqual({ replayed: 1 });
    await until(() => acceptedIds(refusing).includes(first!.eventId), 10_000);
    expect(await call('POST', `/v1/webhooks/subscriptions/${refusingId}/dead-letter-replays`, {})).toEqual({
      replayed: rest.length,
    });
    await until(has(refusing, duringOutage), 10_000);
    expect(await deadLetters()).toEqual([]);

    // Settle, then: every event of the feed reached the healthy endpoint and Kafka; no endpoint got one twice.
    await sleep(3000);
    const feed = (await call('GET', '/v1/feed?limit=1000')) as { events: { id: string; type: string }[] };
    const published = feed.events.map((e) => e.id).sort();
    expect(published.length).toBe(duringOutage.length + duringFailure.length);
    expect(feed.events.every((e) => e.type === ENROLMENT_STARTED)).toBe(true);
    expect([...acceptedIds(healthy)].sort()).toEqual(published);
    expect([...consumer.ids()].sort()).toEqual(published);
    for (const receiver of [healthy, failing, refusing]) {
      expect(receiver.received.every((r) => r.verified)).toBe(true);
      const ids = acceptedIds(receiver);
      expect(new Set(ids).size).toBe(ids.length);
      expect(attemptsInOrder(receiver)).toBe(true);
    }
    expect(healthy.received.every((r) => r.headers['x-credence-delivery-attempt'] === '1')).toBe(true);
    console.log(`webhooks and Kafka over real processes: ${timings.join('; ')}`);
  }, 600_000);
});
