import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock, type Clock, type WebhookSubscription } from '#domain';
import type { CheckpointedConsumer, EventStore, RecordedEvent } from '#event-store';
import {
  ALL_WEBHOOK_SUBSCRIPTIONS,
  WEBHOOK_SUBSCRIPTIONS,
  type ReadModelStore,
  type WebhookSubscriptionDocument,
} from '#projections';
import { INTEGRATION_FILTER, toIntegrationEvent, type CloudEvent, type CloudEventOptions } from '../cloud-events.js';
import { errorMessage } from '../error-message.js';
import { consoleLogger, type IntegrationLogger } from '../publisher.port.js';
import { defaultRetryPolicy, nextRetryDelay, type RetryPolicy } from './retry-schedule.js';
import { WebhookDeliveries, type WebhookDelivery } from './webhook-deliveries.js';
import { postWebhook, type WebhookOutcome } from './webhook-post.js';

export interface WebhookDispatcherOptions {
  store: EventStore;
  readModels: ReadModelStore;
  /** Opens the endpoint's signing secrets valid at `now`, newest first. */
  secrets: (subscription: WebhookSubscription, now: Date) => Promise<string[]>;
  /** Records that the endpoint answered 410 Gone (the subscription is then disabled). */
  disable: (subscriptionId: string, reason: string) => Promise<void>;
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** How often an idle worker looks for new events and due retries without being woken. Default 1 s. */
  pollMs?: number;
  /** New events a worker takes at once before looking at its due retries again. Default 100. */
  batch?: number;
  cloudEvents?: CloudEventOptions;
  clock?: Clock;
  logger?: IntegrationLogger;
  fetch?: typeof fetch;
}

type ActiveSubscription = WebhookSubscription & { since: number };

const isActive = (doc: WebhookSubscriptionDocument | undefined): doc is ActiveSubscription =>
  doc !== undefined && doc.status === 'active';

const wants = (subscription: WebhookSubscription, event: CloudEvent): boolean =>
  subscription.eventTypes.length === 0 || subscription.eventTypes.includes(event.type);

/**
 * Standard Webhooks delivery, one independent worker per active endpoint. Each worker reads the
 * integration events from the log after its own checkpoint (the Kafka relay has another), sends
 * the ones its filter wants in order, and settles each (sent, or scheduled for a retry, or
 * dead-lettered) together with its checkpoint. A failed delivery waits in the endpoint's retry
 * queue (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, with jitter) while later events go on; one endpoint
 * failing never delays, blocks or repeats another endpoint's deliveries, nor Kafka's.
 *
 * It sits on the process's subscription hub only as a doorbell: `handle` wakes the workers and
 * returns at once (the work happens in the workers, never on the hub's feed), and `position`
 * (which the hub asks for when it starts) starts the workers.
 */
export class WebhookDispatcher implements CheckpointedConsumer {
  readonly name = 'webhook-dispatcher';
  private readonly deliveries: WebhookDeliveries;
  private readonly abort = new AbortController();
  private readonly workers = new Map<string, Promise<void>>();
  private running: Promise<void> | undefined;
  private seen: number | undefined;
  /** The ends of the workers' naps: new events, or closing, end them early. */
  private readonly napping = new Set<() => void>();
  private readonly clock: Clock;
  private readonly logger: IntegrationLogger;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.deliveries = new WebhookDeliveries(options.readModels);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? consoleLogger;
    this.retry = options.retry ?? defaultRetryPolicy();
  }

  async position(): Promise<number> {
    this.running ??= this.run();
    this.seen ??= await this.options.store.headPosition();
    return this.seen;
  }

  async handle(events: readonly RecordedEvent[]): Promise<void> {
    this.seen = events.at(-1)?.position ?? this.seen;
    this.wake();
  }

  async close(): Promise<void> {
    this.abort.abort();
    this.wake();
    await this.running;
    await Promise.allSettled(this.workers.values());
  }

  private wake(): void {
    for (const end of [...this.napping]) end();
  }

  /** A worker waits `ms`, or less when woken or closed; an ended nap leaves no timer or listener behind. */
  private nap(ms: number): Promise<void> {
    if (this.abort.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.napping.delete(end);
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.napping.add(end);
    });
  }

  /** Starts a worker for every active endpoint that has none, and prunes the deliveries retried successfully. */
  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        await this.deliveries.pruneDelivered(this.clock.now());
        const all = await this.options.readModels.findByRef<WebhookSubscriptionDocument>(
          WEBHOOK_SUBSCRIPTIONS,
          ALL_WEBHOOK_SUBSCRIPTIONS,
        );
        for (const subscription of all.filter(isActive))
          if (!this.workers.has(subscription.subscriptionId)) this.startWorker(subscription.subscriptionId);
      } catch (error) {
        this.logger.error(`webhooks: cannot list the subscriptions: ${errorMessage(error)}`);
      }
      // On its poll only, not on every batch of events: a new endpoint starts within pollMs.
      await sleep(this.options.pollMs ?? 1000, undefined, { signal: this.abort.signal }).catch(() => undefined);
    }
  }

  private startWorker(subscriptionId: string): void {
    const worker = this.serve(subscriptionId).finally(() => this.workers.delete(subscriptionId));
    this.workers.set(subscriptionId, worker);
  }

  /** One endpoint's loop; it ends when the endpoint is no longer active (paused, disabled, deleted). */
  private async serve(subscriptionId: string): Promise<void> {
    let backoff = this.options.pollMs ?? 1000;
    while (!this.abort.signal.aborted) {
      try {
        const subscription = await this.subscription(subscriptionId);
        if (!subscription) return;
        const worked = await this.step(subscription);
        backoff = this.options.pollMs ?? 1000;
        if (!worked) await this.nap(backoff);
      } catch (error) {
        this.logger.error(`webhooks: endpoint ${subscriptionId} stalled, trying again: ${errorMessage(error)}`);
        await sleep(backoff, undefined, { signal: this.abort.signal }).catch(() => undefined);
        backoff = Math.min(backoff * 2, 60_000);
      }
    }
  }

  private async subscription(subscriptionId: string): Promise<ActiveSubscription | undefined> {
    const doc = await this.options.readModels.get<WebhookSubscriptionDocument>(WEBHOOK_SUBSCRIPTIONS, subscriptionId);
    return isActive(doc) ? doc : undefined;
  }

  /** A due retry, else the next events after the checkpoint; false when there was nothing to do. */
  private async step(subscription: ActiveSubscription): Promise<boolean> {
    const id = subscription.subscriptionId;
    const [due] = await this.deliveries.due(id, this.clock.now(), 1);
    if (due) {
      const outcome = await this.attempt(subscription, due.event, due.attempts + 1);
      await this.deliveries.settle(id, await this.deliveries.checkpoint(id), this.afterAttempt(due, outcome));
      await this.disableIfGone(subscription, outcome);
      return true;
    }
    const from = Math.max(await this.deliveries.checkpoint(id), subscription.since);
    let skippedTo = from;
    let sent = 0;
    for await (const event of this.options.store.readAll(from, INTEGRATION_FILTER, this.options.batch ?? 100)) {
      const cloudEvent = toIntegrationEvent(event, this.options.cloudEvents);
      if (!cloudEvent || !wants(subscription, cloudEvent)) {
        skippedTo = event.position;
        continue;
      }
      // Paused, rotated or deleted meanwhile: look again before each delivery.
      const current = await this.subscription(id);
      if (!current || this.abort.signal.aborted) return true;
      const outcome = await this.attempt(current, cloudEvent, 1);
      const first: WebhookDelivery = {
        subscriptionId: id,
        event: cloudEvent,
        state: 'retrying',
        attempts: 0,
        nextAttemptAt: null,
        lastError: '',
        updatedAt: '',
      };
      await this.deliveries.settle(id, event.position, outcome.ok ? undefined : this.afterAttempt(first, outcome));
      skippedTo = event.position;
      await this.disableIfGone(current, outcome);
      if (!outcome.ok && outcome.gone) return true;
      if (++sent >= (this.options.batch ?? 100)) return true;
    }
    if (skippedTo > from) await this.deliveries.settle(id, skippedTo);
    return sent > 0;
  }

  private async attempt(
    subscription: WebhookSubscription,
    event: CloudEvent,
    attempt: number,
  ): Promise<WebhookOutcome> {
    const sentAt = this.clock.now();
    return postWebhook({
      url: subscription.url,
      event,
      secrets: await this.options.secrets(subscription, sentAt),
      attempt,
      sentAt,
      signal: this.abort.signal,
      ...(this.options.timeoutMs === undefined ? {} : { timeoutMs: this.options.timeoutMs }),
      ...(this.options.fetch === undefined ? {} : { fetch: this.options.fetch }),
    });
  }

  /** The delivery after one more attempt: delivered, retrying at its next time, or dead. */
  private afterAttempt(delivery: WebhookDelivery, outcome: WebhookOutcome): WebhookDelivery {
    const now = this.clock.now();
    const attempts = delivery.attempts + 1;
    const settled = { ...delivery, attempts, updatedAt: now.toISOString() };
    if (outcome.ok) return { ...settled, state: 'delivered', nextAttemptAt: null };
    const delay = outcome.gone ? undefined : nextRetryDelay(this.retry, attempts, outcome.retryAfter);
    if (delay === undefined) {
      this.logger.warn(
        `webhooks: dead-lettered ${delivery.event.type} ${delivery.event.id} for ${delivery.subscriptionId} after ${attempts} attempt(s): ${outcome.error}`,
      );
      return { ...settled, state: 'dead', nextAttemptAt: null, lastError: outcome.error };
    }
    const nextAttemptAt = new Date(now.getTime() + delay).toISOString();
    return { ...settled, state: 'retrying', nextAttemptAt, lastError: outcome.error };
  }

  private async disableIfGone(subscription: WebhookSubscription, outcome: WebhookOutcome): Promise<void> {
    if (outcome.ok || !outcome.gone) return;
    this.logger.warn(
      `webhooks: ${subscription.url} answered 410 Gone; disabling subscription ${subscription.subscriptionId}`,
    );
    await this.options.disable(subscription.subscriptionId, `the endpoint answered 410 Gone`);
  }
}
