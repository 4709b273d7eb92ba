import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReadModelStore } from '#projections';
import type { CloudEvent } from './cloud-events.js';
import { errorMessage } from './error-message.js';
import { consoleLogger, type IntegrationLogger, type IntegrationPublisher } from './publisher.port.js';

export interface WebhookSubscriber {
  /** Names the subscriber in dead letters and logs; defaults to the URL. */
  id?: string;
  url: string;
  /** HMAC-SHA256 key for X-Credence-Signature. */
  secret: string;
}

/** A delivery given up after its retries; keeps the whole envelope so it can be redelivered. */
export interface DeadLetter {
  subscriber: string;
  event: CloudEvent;
  error: string;
  attempts: number;
  /** ISO timestamp of the decision. */
  at: string;
}

export interface DeadLetterStore {
  /** Durably records the dead letter; rejecting blocks the relay (nothing may be lost). */
  record(letter: DeadLetter): Promise<void>;
  list(subscriber?: string): Promise<DeadLetter[]>;
}

export class InMemoryDeadLetterStore implements DeadLetterStore {
  readonly letters: DeadLetter[] = [];
  async record(letter: DeadLetter): Promise<void> {
    this.letters.push(letter);
  }
  async list(subscriber?: string): Promise<DeadLetter[]> {
    return this.letters.filter((l) => subscriber === undefined || l.subscriber === subscriber);
  }
}

export const DEAD_LETTER_COLLECTION = 'webhook-dead-letters';

/**
 * Dead letters as documents of the read-model store (collection `webhook-dead-letters`, id
 * `<subscriber> <event id>`, indexed by subscriber as `ref`, status `dead`, `due` = when).
 *
 * The ReadModelStore port writes documents only together with a checkpoint (`commit`). This
 * adapter therefore owns a checkpoint of its own, named `webhook-dead-letters`, holding the highest
 * log position ever dead-lettered (a harmless marker no consumer reads). It never touches the
 * relay's checkpoint, and records are serialised so the marker never moves backwards.
 */
export class ReadModelDeadLetterStore implements DeadLetterStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Pick<ReadModelStore, 'commit' | 'checkpoint' | 'findByRef'>,
    private readonly markerName = DEAD_LETTER_COLLECTION,
  ) {}

  record(letter: DeadLetter): Promise<void> {
    const next = this.queue.then(async () => {
      const marker = Math.max(await this.store.checkpoint(this.markerName), letter.event.credenceposition || 0);
      await this.store.commit(this.markerName, marker, [
        {
          collection: DEAD_LETTER_COLLECTION,
          id: `${letter.subscriber} ${letter.event.id}`,
          doc: letter,
          index: { ref: letter.subscriber, status: 'dead', due: letter.at },
        },
      ]);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Dead letters of one subscriber (the port cannot list a whole collection). */
  async list(subscriber?: string): Promise<DeadLetter[]> {
    if (subscriber === undefined) throw new Error('ReadModelDeadLetterStore.list needs a subscriber');
    return this.store.findByRef<DeadLetter>(DEAD_LETTER_COLLECTION, subscriber);
  }
}

export const CLOUDEVENTS_JSON = 'application/cloudevents+json';

/** `sha256=<hex HMAC-SHA256 of the raw body>`: what X-Credence-Signature carries. */
export const signWebhookBody = (body: string | Buffer, secret: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export interface WebhookSinkOptions {
  subscribers: readonly WebhookSubscriber[];
  deadLetters: DeadLetterStore;
  /** Attempts per event and subscriber before dead-lettering. Default 5. */
  attempts?: number;
  /** First retry delay; doubles per attempt. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap of the retry delay. Default 30 s. */
  maxDelayMs?: number;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
  /**
   * After a subscriber's delivery is dead-lettered, its further events are dead-lettered at once
   * (attempts 0) for this long, so a subscriber that is down costs the relay one retry cycle per
   * cool-down, not one per event. The first event after the cool-down gets full retries again.
   * Default 30 s; 0 turns it off.
   */
  cooldownMs?: number;
  logger?: IntegrationLogger;
  /** For tests. */
  fetch?: typeof fetch;
  now?: () => Date;
}

interface SubscriberState {
  id: string;
  subscriber: WebhookSubscriber;
  suspendedUntil: number;
}

/** 408, 425, 429 and 5xx (and network errors, timeouts) are worth retrying; other answers are final. */
const isRetriable = (status: number): boolean => status === 408 || status === 425 || status === 429 || status >= 500;

/**
 * Delivers each CloudEvent as structured-mode JSON (`application/cloudevents+json`, the same
 * envelope as on Kafka) by POST to every subscriber, signed with `X-Credence-Signature:
 * sha256=<hex HMAC-SHA256(body, subscriber secret)>`. The signature covers the body only (the
 * design's contract); a replayed body is harmless because consumers de-duplicate on the event id.
 *
 * Subscribers are served in parallel, each subscriber's events in order. A delivery is retried
 * with exponential backoff (network errors, timeouts, 408/425/429/5xx); other 4xx/3xx answers are
 * final. When it fails for good it is dead-lettered and the sink moves on: a bad subscriber never
 * blocks the relay (nor Kafka) for long. `publish` rejects only if a dead letter cannot be recorded.
 */
export class WebhookSink implements IntegrationPublisher {
  readonly name = 'webhooks';
  private readonly subscribers: SubscriberState[];
  private readonly logger: IntegrationLogger;
  private readonly fetch: typeof fetch;
  private readonly now: () => Date;
  private readonly abort = new AbortController();

  constructor(private readonly options: WebhookSinkOptions) {
    this.subscribers = options.subscribers.map((subscriber) => {
      const url = new URL(subscriber.url); // throws on a bad URL
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new Error(`webhook URL must be http(s): ${subscriber.url}`);
      if (!subscriber.secret) throw new Error(`webhook ${subscriber.url} has no secret`);
      return { id: subscriber.id ?? subscriber.url, subscriber, suspendedUntil: 0 };
    });
    this.logger = options.logger ?? consoleLogger;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? (() => new Date());
  }

  async publish(events: readonly CloudEvent[]): Promise<void> {
    if (events.length === 0 || this.subscribers.length === 0) return;
    const results = await Promise.allSettled(
      this.subscribers.map(async (state) => {
        for (const event of events) await this.deliver(state, event);
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async close(): Promise<void> {
    this.abort.abort();
  }

  private async deliver(state: SubscriberState, event: CloudEvent): Promise<void> {
    if (this.now().getTime() < state.suspendedUntil) {
      await this.deadLetter(state, event, 0, 'not attempted: subscriber suspended after a recent dead letter');
      return;
    }
    const body = JSON.stringify(event);
    const signature = signWebhookBody(body, state.subscriber.secret);
    const attempts = Math.max(1, this.options.attempts ?? 5);
    let lastError = '';
    let made = 0;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        const delay = Math.min(
          (this.options.baseDelayMs ?? 500) * 2 ** (attempt - 2),
          this.options.maxDelayMs ?? 30_000,
        );
        await sleep(delay, undefined, { signal: this.abort.signal }).catch(() => undefined);
        if (this.abort.signal.aborted) throw new Error('WebhookSink closed during a retry');
      }
      made = attempt;
      const outcome = await this.post(state.subscriber.url, body, signature, event, attempt);
      if (outcome.ok) {
        state.suspendedUntil = 0;
        return;
      }
      lastError = outcome.error;
      if (!outcome.retriable) break;
    }
    await this.deadLetter(state, event, made, lastError);
    const cooldown = this.options.cooldownMs ?? 30_000;
    if (cooldown > 0) state.suspendedUntil = this.now().getTime() + cooldown;
  }

  private async post(
    url: string,
    body: string,
    signature: string,
    event: CloudEvent,
    attempt: number,
  ): Promise<{ ok: true } | { ok: false; retriable: boolean; error: string }> {
    try {
      const response = await this.fetch(url, {
        method: 'POST',
        body,
        redirect: 'manual', // never forward a signed body to wherever a redirect points
        headers: {
          'content-type': `${CLOUDEVENTS_JSON}; charset=utf-8`,
          'x-credence-signature': signature,
          'x-credence-event-id': event.id,
          'x-credence-delivery-attempt': String(attempt),
          'user-agent': 'credence-award-relay',
        },
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs ?? 10_000), this.abort.signal]),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true };
      return { ok: false, retriable: isRetriable(response.status), error: `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, retriable: true, error: errorMessage(error) };
    }
  }

  private async deadLetter(state: SubscriberState, event: CloudEvent, attempts: number, error: string): Promise<void> {
    this.logger.warn(
      `webhook ${state.id}: dead-lettered ${event.type} ${event.id} after ${attempts} attempt(s): ${error}`,
    );
    await this.options.deadLetters.record({
      subscriber: state.id,
      event,
      error,
      attempts,
      at: this.now().toISOString(),
    });
  }
}
