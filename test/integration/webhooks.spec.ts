import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SqliteEventStore, SubscriptionHub } from '#event-store';
import { SqliteReadModelStore } from '#projections';
import {
  InMemoryCheckpointStore,
  InMemoryDeadLetterStore,
  IntegrationRelay,
  ReadModelDeadLetterStore,
  WebhookSink,
  signWebhookBody,
  toIntegrationEvent,
  type CloudEvent,
  type DeadLetter,
  type IntegrationLogger,
  type IntegrationPublisher,
} from '#integration';
import { awardIssued, recorded, tempDir } from './fixtures.js';

const SECRET = 'whsec_test_0123456789abcdef';

interface Received {
  at: number;
  body: string;
  headers: IncomingMessage['headers'];
  signatureValid: boolean;
  event: CloudEvent;
}

/** A subscriber endpoint on 127.0.0.1:0 that checks the signature like a real consumer would. */
class Subscriber {
  readonly received: Received[] = [];
  private server!: Server;
  url = '';

  constructor(
    private readonly respond: (attempt: number, req: IncomingMessage, res: ServerResponse) => void,
    private readonly secret = SECRET,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const expected = Buffer.from(`sha256=${createHmac('sha256', this.secret).update(raw).digest('hex')}`);
        const given = Buffer.from(String(req.headers['x-credence-signature'] ?? ''));
        const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
        this.received.push({
          at: Date.now(),
          body: raw.toString(),
          headers: req.headers,
          signatureValid,
          event: JSON.parse(raw.toString()),
        });
        if (!signatureValid) {
          res.writeHead(401).end('bad signature');
          return;
        }
        this.respond(this.received.length, req, res);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/credence`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const quietLogger = (): IntegrationLogger & { warnings: string[] } => {
  const warnings: string[] = [];
  return { warnings, warn: (m) => void warnings.push(m), error: (m) => void warnings.push(m), info: () => undefined };
};

const event = (learnerId = 'learner-1', position = 1) =>
  toIntegrationEvent(recorded(awardIssued(learnerId, position), position))!;

describe('WebhookSink', () => {
  const servers: Subscriber[] = [];
  const start = async (respond: ConstructorParameters<typeof Subscriber>[0], secret?: string) => {
    const server = await new Subscriber(respond, secret).start();
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop();
  });

  it('POSTs the structured CloudEvent, signed with HMAC-SHA256 of the raw body', async () => {
    const subscriber = await start((_, __, res) => res.writeHead(204).end());
    const deadLetters = new InMemoryDeadLetterStore();
    const sink = new WebhookSink({
      subscribers: [{ url: subscriber.url, secret: SECRET }],
      deadLetters,
      logger: quietLogger(),
    });
    const cloudEvent = event();

    await sink.publish([cloudEvent]);

    expect(subscriber.received).toHaveLength(1);
    const [received] = subscriber.received;
    expect(received!.signatureValid).toBe(true);
    expect(received!.headers['x-credence-signature']).toBe(signWebhookBody(received!.body, SECRET));
    expect(received!.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
    expect(received!.headers['x-credence-event-id']).toBe(cloudEvent.id);
    expect(received!.event).toEqual(cloudEvent); // the same envelope as on Kafka, in structured mode
    expect(deadLetters.letters).toEqual([]);
  });

  it('retries with exponential backoff when the first attempts fail, then delivers once', async () => {
    const subscriber = await start((attempt, _, res) => res.writeHead(attempt <= 2 ? 503 : 200).end());
    const deadLetters = new InMemoryDeadLetterStore();
    const sink = new WebhookSink({
      subscribers: [{ url: subscriber.url, secret: SECRET }],
      deadLetters,
      attempts: 5,
      baseDelayMs: 50,
      logger: quietLogger(),
    });
    const cloudEvent = event();

    await sink.publish([cloudEvent]);

    const { received } = subscriber;
    expect(received.map((r) => r.headers['x-credence-delivery-attempt'])).toEqual(['1', '2', '3']);
    expect(received.every((r) => r.signatureValid && r.event.id === cloudEvent.id)).toBe(true);
    const gaps = [received[1]!.at - received[0]!.at, received[2]!.at - received[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(45); // 50 ms
    expect(gaps[1]).toBeGreaterThanOrEqual(95); // then 100 ms
    expect(deadLetters.letters).toEqual([]);
  });

  it('dead-letters after N failed attempts, and a wrong secret is caught by the subscriber', async () => {
    const subscriber = await start((_, __, res) => res.writeHead(200).end(), 'another-secret-entirely');
    const deadLetters = new InMemoryDeadLetterStore();
    const sink = new WebhookSink({
      subscribers: [{ id: 'lms', url: subscriber.url, secret: SECRET }],
      deadLetters,
      attempts: 3,
      baseDelayMs: 5,
      logger: quietLogger(),
    });
    const cloudEvent = event();

    await sink.publish([cloudEvent]);

    // 401 is final: no retries of a request the subscriber will never accept.
    expect(subscriber.received).toHaveLength(1);
    expect(subscriber.received[0]!.signatureValid).toBe(false);
    expect(deadLetters.letters).toEqual([
      { subscriber: 'lms', event: cloudEvent, error: 'HTTP 401', attempts: 1, at: expect.any(String) },
    ]);
  });

  it('treats timeouts and refused connections as retriable', async () => {
    const hanging = await start(() => undefined); // never answers
    const refused = await start((_, __, res) => res.writeHead(200).end());
    const refusedUrl = refused.url;
    await refused.stop();
    servers.splice(servers.indexOf(refused), 1);
    const deadLetters = new InMemoryDeadLetterStore();
    const sink = new WebhookSink({
      subscribers: [
        { id: 'hanging', url: hanging.url, secret: SECRET },
        { id: 'refused', url: refusedUrl, secret: SECRET },
      ],
      deadLetters,
      attempts: 2,
      baseDelayMs: 10,
      timeoutMs: 200,
      logger: quietLogger(),
    });

    await sink.publish([event()]);

    expect(hanging.received).toHaveLength(2);
    const bySubscriber = Object.fromEntries(deadLetters.letters.map((l) => [l.subscriber, l]));
    expect(bySubscriber.hanging).toMatchObject({ attempts: 2, error: expect.stringMatching(/timeout|aborted/i) });
    expect(bySubscriber.refused).toMatchObject({
      attempts: 2,
      error: expect.stringMatching(/fetch failed.*ECONNREFUSED/),
    });
  });

  it('suspends a subscriber after a dead letter (cool-down), then tries it again', async () => {
    let healthy = false;
    const subscriber = await start((_, __, res) => res.writeHead(healthy ? 200 : 500).end());
    const deadLetters = new InMemoryDeadLetterStore();
    let now = Date.parse('2026-07-01T09:00:00Z');
    const sink = new WebhookSink({
      subscribers: [{ id: 'crm', url: subscriber.url, secret: SECRET }],
      deadLetters,
      attempts: 2,
      baseDelayMs: 1,
      cooldownMs: 60_000,
      now: () => new Date(now),
      logger: quietLogger(),
    });
    const [a, b, c] = [event('l1', 1), event('l2', 2), event('l3', 3)];

    await sink.publish([a, b]);
    expect(subscriber.received.map((r) => r.event.id)).toEqual([a.id, a.id]); // b not even attempted
    expect(deadLetters.letters.map((l) => [l.event.id, l.attempts])).toEqual([
      [a.id, 2],
      [b.id, 0],
    ]);

    healthy = true;
    now += 60_001;
    await sink.publish([c]);
    expect(subscriber.received.at(-1)!.event.id).toBe(c.id);
    expect(deadLetters.letters).toHaveLength(2);
  });

  it('rejects (blocking the relay) only when the dead letter itself cannot be recorded', async () => {
    const subscriber = await start((_, __, res) => res.writeHead(500).end());
    const sink = new WebhookSink({
      subscribers: [{ url: subscriber.url, secret: SECRET }],
      deadLetters: { record: async () => Promise.reject(new Error('disk full')), list: async () => [] },
      attempts: 1,
      logger: quietLogger(),
    });
    await expect(sink.publish([event()])).rejects.toThrow('disk full');
  });

  it('refuses a subscriber without a secret or with a non-http URL', () => {
    const deadLetters = new InMemoryDeadLetterStore();
    expect(() => new WebhookSink({ subscribers: [{ url: 'http://127.0.0.1:1/x', secret: '' }], deadLetters })).toThrow(
      /no secret/,
    );
    expect(() => new WebhookSink({ subscribers: [{ url: 'ftp://x/y', secret: SECRET }], deadLetters })).toThrow(
      /http\(s\)/,
    );
  });
});

describe('relay with webhooks: a dead subscriber never blocks the relay', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  let hub: SubscriptionHub;
  const servers: Subscriber[] = [];

  beforeEach(async () => {
    dir = await tempDir('credence-webhooks-');
    store = SqliteEventStore.open({ path: dir.path('events.db') });
    readModels = new SqliteReadModelStore(dir.path('read-models.db'));
  });

  afterEach(async () => {
    await hub?.stop();
    for (const server of servers.splice(0)) await server.stop();
    await store.close();
    await readModels.close();
    await dir.remove();
  });

  it('delivers to the healthy subscriber, dead-letters for the failing one, and moves the checkpoint', async () => {
    const good = await new Subscriber((attempt, _, res) => res.writeHead(attempt === 1 ? 502 : 200).end()).start();
    const bad = await new Subscriber((_, __, res) => res.writeHead(503).end()).start();
    servers.push(good, bad);
    const kafka: IntegrationPublisher & { ids: string[] } = {
      name: 'kafka',
      ids: [],
      publish: async (events) => void kafka.ids.push(...events.map((e) => e.id)),
      close: async () => undefined,
    };
    const deadLetters = new ReadModelDeadLetterStore(readModels);
    const webhooks = new WebhookSink({
      subscribers: [
        { id: 'good', url: good.url, secret: SECRET },
        { id: 'bad', url: bad.url, secret: SECRET },
      ],
      deadLetters,
      attempts: 3,
      baseDelayMs: 10,
      cooldownMs: 0,
      logger: quietLogger(),
    });
    const checkpoints = new InMemoryCheckpointStore();
    const relay = new IntegrationRelay({ sinks: [kafka, webhooks], checkpoints });
    const events = [awardIssued('learner-1', 1), awardIssued('learner-2', 2), awardIssued('learner-1', 3)];
    let last = 0;
    for (const e of events) last = (await store.append(`award-${e.id}`, [e], 'no-stream')).lastPosition;

    hub = new SubscriptionHub(store, [relay], { retryDelayMs: 20, logger: { error: () => undefined } });
    hub.start();

    expect(await hub.waitFor(last, 10_000)).toBe(true);
    const ids = events.map((e) => e.id);
    expect(await checkpoints.get('integration-relay')).toBe(last);
    expect(kafka.ids).toEqual(ids);
    // The good subscriber got everything, in order (its first attempt failed once and was retried).
    expect([...new Set(good.received.map((r) => r.event.id))]).toEqual(ids);
    expect(good.received.every((r) => r.signatureValid)).toBe(true);
    // The bad one was tried 3 times per event, then each delivery was dead-lettered, in the read-model store.
    expect(bad.received).toHaveLength(9);
    const letters = await deadLetters.list('bad');
    expect(letters.map((l: DeadLetter) => [l.event.id, l.attempts, l.error]).sort()).toEqual(
      ids.map((id) => [id, 3, 'HTTP 503']).sort(),
    );
    expect(letters[0]!.event.type).toBe('credence.award.issued.v1');
    expect(await deadLetters.list('good')).toEqual([]);
    expect(await readModels.checkpoint('webhook-dead-letters')).toBe(last); // its own marker, not the relay's
  });

  it('keeps going while a subscriber is down: with the cool-down the relay is not slowed per event', async () => {
    const down = await new Subscriber((_, __, res) => res.writeHead(500).end()).start();
    servers.push(down);
    const deadLetters = new InMemoryDeadLetterStore();
    const webhooks = new WebhookSink({
      subscribers: [{ id: 'down', url: down.url, secret: SECRET }],
      deadLetters,
      attempts: 4,
      baseDelayMs: 100, // one full retry cycle = 100 + 200 + 400 ms
      cooldownMs: 60_000,
      logger: quietLogger(),
    });
    const relay = new IntegrationRelay({ sinks: [webhooks], checkpoints: new InMemoryCheckpointStore() });
    let last = 0;
    for (let i = 0; i < 20; i++) {
      const e = awardIssued(`learner-${i}`, i);
      last = (await store.append(`award-${e.id}`, [e], 'no-stream')).lastPosition;
    }
    const started = Date.now();
    hub = new SubscriptionHub(store, [relay], { retryDelayMs: 20, logger: { error: () => undefined } });
    hub.start();

    expect(await hub.waitFor(last, 10_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000); // not 20 x 700 ms
    expect(down.received).toHaveLength(4);
    expect(deadLetters.letters).toHaveLength(20);
    expect(deadLetters.letters.map((l) => l.attempts)).toEqual([4, ...Array(19).fill(0)]);
  });
});
