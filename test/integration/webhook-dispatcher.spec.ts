import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { streams, systemClock, webhookSubscriptionDecider, type WebhookSubscriptionCommand } from '#domain';
import { decideAndAppend, SqliteEventStore, SubscriptionHub } from '#event-store';
import {
  ProjectionConsumer,
  SqliteReadModelStore,
  WEBHOOK_SUBSCRIPTIONS,
  webhookSubscriptionProjection,
  type WebhookSubscriptionDocument,
} from '#projections';
import {
  DELIVERY_ATTEMPT_HEADER,
  newWebhookSecret,
  WebhookDeliveries,
  WebhookDispatcher,
  type IntegrationLogger,
} from '#integration';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { awardIssued, awardRevoked, eventually, markRecorded, metadata, tempDir } from './fixtures.js';

const SEALED = { sealed: 'A256GCM', iv: 'test', ciphertext: 'test' } as const;
const quiet: IntegrationLogger = { warn: () => undefined, error: () => undefined };

describe('WebhookDispatcher: one independent worker per endpoint (SQLite stores, receivers on 127.0.0.1)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: SqliteEventStore;
  let readModels: SqliteReadModelStore;
  let hub: SubscriptionHub;
  let dispatcher: WebhookDispatcher;
  const secrets = new Map<string, string>();
  const receivers: WebhookReceiver[] = [];

  const subscriptionCommand = (id: string, command: WebhookSubscriptionCommand) =>
    decideAndAppend(store, systemClock, webhookSubscriptionDecider, streams.webhookSubscription(id), command, () =>
      metadata({ actor: 'registry-1', role: 'registry' }),
    );

  /** A receiver and a subscription for it; `answer` gives the status of the n-th request. */
  const endpoint = async (answer?: ConstructorParameters<typeof WebhookReceiver>[1], eventTypes: string[] = []) => {
    const secret = newWebhookSecret();
    const receiver = await new WebhookReceiver(secret, answer).start();
    receivers.push(receiver);
    const id = randomUUID();
    secrets.set(id, secret);
    await subscriptionCommand(id, {
      type: 'CreateWebhookSubscription',
      data: { subscriptionId: id, url: receiver.url, eventTypes, description: '', secret: SEALED, createdBy: 'r' },
    });
    await eventually(async () => (await readModels.get(WEBHOOK_SUBSCRIPTIONS, id)) !== undefined, 5000);
    return { id, receiver };
  };

  const start = (schedule: number[] = [100, 200]) => {
    dispatcher = new WebhookDispatcher({
      store,
      readModels,
      secrets: async (subscription) => [secrets.get(subscription.subscriptionId)!],
      disable: (id, reason) => subscriptionCommand(id, { type: 'DisableWebhookSubscription', data: { reason } }).then(),
      retry: { schedule, jitter: 0.2, random: Math.random },
      timeoutMs: 2000,
      pollMs: 50,
      logger: quiet,
    });
    hub = new SubscriptionHub(
      store,
      [new ProjectionConsumer('projections:test', readModels, [webhookSubscriptionProjection]), dispatcher],
      { retryDelayMs: 20 },
    );
    hub.start();
  };

  const awards = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const event = awardIssued(`learner-${i}`, i);
      ids.push(event.id!);
      await store.append(`award-${randomUUID()}`, [event, markRecorded()], 'no-stream');
    }
    return ids;
  };

  beforeEach(async () => {
    dir = await tempDir('credence-webhooks-');
    store = SqliteEventStore.open({ path: dir.path('events.db') });
    readModels = new SqliteReadModelStore(dir.path('read-models.db'));
  });

  afterEach(async () => {
    await hub.stop();
    await Promise.all(receivers.splice(0).map((r) => r.stop()));
    await store.close();
    await readModels.close();
    await dir.remove();
  });

  it('delivers every event in order to a receiver that verifies it with the reference library, attempt 1 each', async () => {
    start();
    const { receiver } = await endpoint();
    const ids = await awards(5);
    expect(await eventually(() => receiver.received.length === 5, 10_000)).toBe(true);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual(ids);
    expect(receiver.received.map((r) => r.payload.id)).toEqual(ids);
    expect(receiver.received.map((r) => r.headers[DELIVERY_ATTEMPT_HEADER])).toEqual(['1', '1', '1', '1', '1']);
    expect(receiver.received[0]!.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
  });

  it('sends only the event types an endpoint subscribed to, and nothing from before it existed', async () => {
    start();
    await awards(2);
    const { receiver } = await endpoint(undefined, ['credence.award.revoked.v1']);
    await awards(2);
    const revoked = awardRevoked('learner-9', randomUUID());
    await store.append(`award-${randomUUID()}`, [revoked], 'no-stream');
    expect(await eventually(() => receiver.received.length === 1, 10_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.map((r) => r.payload.id)).toEqual([revoked.id]);
  });

  it('an endpoint answering 500 delays neither another endpoint nor its own later events; its retries count true', async () => {
    start([300, 300, 300]);
    const failing = await endpoint((n) => (n <= 3 ? 500 : 204));
    const healthy = await endpoint();
    const started = Date.now();
    const ids = await awards(3);
    expect(await eventually(() => healthy.receiver.received.length === 3, 5000)).toBe(true);
    const healthyDone = Date.now() - started;
    expect(await eventually(() => failing.receiver.accepted().length === 3, 10_000)).toBe(true);
    expect(healthyDone).toBeLessThan(1000);
    // Each event reached the failing endpoint exactly once with a 2xx, whatever the order of retries.
    expect(
      failing.receiver
        .accepted()
        .map((r) => r.payload.id)
        .sort(),
    ).toEqual([...ids].sort());
    const attemptsOf = (id: string) =>
      failing.receiver.received.filter((r) => r.payload.id === id).map((r) => r.headers[DELIVERY_ATTEMPT_HEADER]);
    for (const id of ids) {
      const attempts = attemptsOf(id);
      expect(attempts).toEqual(attempts.map((_, i) => String(i + 1)));
    }
    expect(healthy.receiver.received.map((r) => r.headers[DELIVERY_ATTEMPT_HEADER])).toEqual(['1', '1', '1']);
  });

  it('prunes the deliveries that succeeded on a retry: storage holds only those retrying or dead', async () => {
    start([50, 50]);
    const tried = new Set<string>();
    // Each event's first attempt fails, its retry succeeds.
    const { id, receiver } = await endpoint((_n, delivery) =>
      tried.has(delivery.payload.id) ? 204 : (tried.add(delivery.payload.id), 500),
    );
    await awards(4);
    expect(await eventually(() => receiver.accepted().length === 4, 5000)).toBe(true);
    const deliveries = new WebhookDeliveries(readModels);
    expect(await eventually(async () => (await deliveries.ofSubscription(id)).length === 0, 5000)).toBe(true);
    expect(receiver.received).toHaveLength(8);
  });

  it('dead-letters after the last retry; a replay sends it once more with the next attempt number', async () => {
    start([50, 50]);
    let down = true;
    const { id, receiver } = await endpoint(() => (down ? 503 : 204));
    const [eventId] = await awards(1);
    const deliveries = new WebhookDeliveries(readModels);
    expect(await eventually(async () => (await deliveries.ofSubscription(id, 'dead')).length === 1, 5000)).toBe(true);
    expect(receiver.received.map((r) => r.headers[DELIVERY_ATTEMPT_HEADER])).toEqual(['1', '2', '3']);
    const [dead] = await deliveries.ofSubscription(id, 'dead');
    expect(dead).toMatchObject({ attempts: 3, lastError: 'HTTP 503', event: { id: eventId } });

    down = false;
    expect(await deliveries.replay(id, new Date(), [eventId!])).toHaveLength(1);
    expect(await eventually(() => receiver.accepted().length === 1, 5000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.accepted().map((r) => [r.payload.id, r.headers[DELIVERY_ATTEMPT_HEADER]])).toEqual([
      [eventId, '4'],
    ]);
    expect(await deliveries.ofSubscription(id, 'dead')).toEqual([]);
  });

  it('a 410 Gone disables the subscription: nothing more is sent until it is resumed', async () => {
    start();
    let gone = true;
    const { id, receiver } = await endpoint(() => (gone ? 410 : 204));
    await awards(1);
    const status = async () => (await readModels.get<WebhookSubscriptionDocument>(WEBHOOK_SUBSCRIPTIONS, id))?.status;
    expect(await eventually(async () => (await status()) === 'disabled', 5000)).toBe(true);
    await awards(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(1);

    gone = false;
    await subscriptionCommand(id, { type: 'ResumeWebhookSubscription', data: { by: 'registry-1', onlyOwn: false } });
    expect(await eventually(() => receiver.received.length === 3, 5000)).toBe(true);
    expect((await new WebhookDeliveries(readModels).ofSubscription(id, 'dead')).map((d) => d.lastError)).toEqual([
      'HTTP 410',
    ]);
  });

  it('a paused endpoint gets nothing; resumed, it catches up from its own checkpoint', async () => {
    start();
    const { id, receiver } = await endpoint();
    await awards(1);
    expect(await eventually(() => receiver.received.length === 1, 5000)).toBe(true);
    await subscriptionCommand(id, { type: 'PauseWebhookSubscription', data: { by: 'registry-1', onlyOwn: false } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await awards(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(1);
    await subscriptionCommand(id, { type: 'ResumeWebhookSubscription', data: { by: 'registry-1', onlyOwn: false } });
    expect(await eventually(() => receiver.received.length === 3, 5000)).toBe(true);
  });
});

describe('WebhookDispatcher woken by every batch of events (the hub rings it under load)', () => {
  it('leaves no timer behind per wake-up, and lists the endpoints on its poll, not on every batch', async () => {
    const dir = await tempDir('credence-webhooks-wake-');
    const store = SqliteEventStore.open({ path: dir.path('events.db') });
    const readModels = new SqliteReadModelStore(dir.path('read-models.db'));
    const listings = jest.spyOn(readModels, 'findByRef');
    const dispatcher = new WebhookDispatcher({
      store,
      readModels,
      secrets: async () => [],
      disable: async () => undefined,
      pollMs: 60_000,
      logger: quiet,
    });
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    try {
      await dispatcher.position();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const before = timers();
      for (let i = 0; i < 200; i++) {
        await dispatcher.handle([]);
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(timers() - before).toBeLessThan(5);
      expect(listings.mock.calls.filter(([collection]) => collection === WEBHOOK_SUBSCRIPTIONS)).toHaveLength(1);
    } finally {
      await dispatcher.close();
      await store.close();
      await readModels.close();
      await dir.remove();
    }
  });
});
