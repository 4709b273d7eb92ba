import { setTimeout as sleep } from 'node:timers/promises';
import { matchesFilter, type EventFilter, type EventStore, type RecordedEvent } from './event-store.port.js';

/** Something fed by the store subscription that keeps its own checkpoint (a projection set, the board runner, the relay). */
export interface CheckpointedConsumer {
  readonly name: string;
  readonly filter?: EventFilter;
  /** The position of the last event this consumer has durably handled. */
  position(): Promise<number>;
  /** Handles events in order; must save the checkpoint with its effects. */
  handle(events: readonly RecordedEvent[]): Promise<void>;
}

export interface HubLogger {
  error(message: string, error?: unknown): void;
}

/**
 * One subscription per process, feeding every consumer in order. Each consumer skips what its
 * own checkpoint says it has seen, so after any error the hub resubscribes from the lowest
 * checkpoint and nothing is lost or applied twice.
 */
export class SubscriptionHub {
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private reached = 0;
  private waiters: { position: number; resolve: (reached: boolean) => void }[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly consumers: readonly CheckpointedConsumer[],
    private readonly options: { retryDelayMs?: number; logger?: HubLogger } = {},
  ) {}

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    for (const waiter of this.waiters) waiter.resolve(false);
    this.waiters = [];
  }

  /** Resolves true once every consumer has handled `position`, false after `timeoutMs`. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.reached >= position) return true;
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        await this.follow(signal);
      } catch (error) {
        if (signal.aborted) break;
        this.options.logger?.error('subscription failed; resubscribing from the last checkpoints', error);
        await sleep(this.options.retryDelayMs ?? 1000, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
    const positions = await Promise.all(this.consumers.map((c) => c.position()));
    const from = Math.min(...positions, Number.MAX_SAFE_INTEGER);
    this.markReached(from === Number.MAX_SAFE_INTEGER ? 0 : from);
    for await (const event of this.store.subscribe(this.consumers.length ? from : Number.MAX_SAFE_INTEGER, { signal })) {
      for (const [i, consumer] of this.consumers.entries()) {
        if (event.position <= positions[i]!) continue;
        if (matchesFilter(event, consumer.filter)) await consumer.handle([event]);
        positions[i] = event.position;
      }
      this.markReached(event.position);
    }
  }

  private markReached(position: number): void {
    this.reached = Math.max(this.reached, position);
    if (this.waiters.length === 0) return;
    const done = this.waiters.filter((w) => w.position <= this.reached);
    this.waiters = this.waiters.filter((w) => w.position > this.reached);
    for (const waiter of done) waiter.resolve(true);
  }
}
