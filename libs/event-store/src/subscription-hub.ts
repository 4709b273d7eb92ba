import { setTimeout as sleep } from 'node:timers/promises';
import { matchesFilter, type EventFilter, type EventStore, type RecordedEvent } from './event-store.port.js';
import { liveBatches } from './live-batches.js';
import { readAfter } from './read-after.js';

/** Something fed by the store subscription that keeps its own checkpoint (a projection set, the board runner, the relay). */
export interface CheckpointedConsumer {
  readonly name: string;
  readonly filter?: EventFilter;
  /** The position of the last event this consumer has durably handled. */
  position(): Promise<number>;
  /** Handles events in order; must save the checkpoint with its effects. */
  handle(events: readonly RecordedEvent[]): Promise<void>;
  /**
   * Appends events in reaction to what it handles (the board runner). The hub hands it each live
   * batch before the other consumers, and hands them the batch together with what it appended.
   */
  readonly reacts?: boolean;
  /**
   * Handles `events` one at a time, parking the stream of any event that fails (and holding that
   * stream's later events) so one bad stream never stops the others. The hub calls it, outside any
   * shared commit, when `handle` rejected; it rejects only when it cannot record even that (the hub
   * then retries from the checkpoint with backoff, as for a consumer without it).
   */
  isolate?(events: readonly RecordedEvent[]): Promise<void>;
  /** Releases connections (e.g. a Kafka producer) when the process stops. */
  close?(): Promise<void>;
}

/** Where a consumer stands: what /health reports as its lag. */
export interface ConsumerStatus {
  name: string;
  /** Last position delivered to it (or skipped by its filter). */
  position: number;
  /** Catching up alone after a failure. */
  detached: boolean;
}

export interface HubLogger {
  error(message: string, error?: unknown): void;
}

export interface HubOptions {
  /** First wait before a failed consumer retries; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Events per batch while a consumer catches up on its own. */
  catchUpBatch?: number;
  /** Most events handed to the consumers at once on the live feed (what arrived while they were busy). */
  liveBatch?: number;
  /**
   * Runs the hand-over of one live batch to the consumers; a read-model store uses it to write the
   * commits of the named consumers in one transaction (rejecting if it could not). Consumers that
   * fail meanwhile are deleted from the set.
   */
  commitTogether?: (consumers: Set<string>, handOver: () => Promise<void>) => Promise<void>;
  logger?: HubLogger;
}

interface Feed {
  consumer: CheckpointedConsumer;
  /** Last position delivered (or skipped by the filter) for this consumer. */
  position: number;
  /** Detached after a failure: it catches up from its checkpoint by itself, then rejoins. */
  detached: boolean;
}

/**
 * One subscription per process, feeding every consumer in order. A consumer that fails (say the
 * relay while Kafka is down) is detached so the others carry on; it retries with backoff from its
 * own checkpoint, reading the log in batches, and rejoins the live feed once it has caught up.
 * Each consumer skips what its checkpoint says it has seen: nothing is lost or applied twice.
 */
export class SubscriptionHub {
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private readonly recoveries = new Set<Promise<void>>();
  private feeds: Feed[] = [];
  /** Position the live subscription has dispatched to every attached consumer. */
  private live = 0;
  /** Position of the event the live subscription is dispatching (or last dispatched). */
  private dispatching = 0;
  private waiters: { position: number; resolve: (reached: boolean) => void }[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly consumers: readonly CheckpointedConsumer[],
    private readonly options: HubOptions = {},
  ) {}

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    await Promise.all(this.recoveries);
    await Promise.allSettled(this.consumers.map((c) => c.close?.()));
    for (const waiter of this.waiters) waiter.resolve(false);
    this.waiters = [];
  }

  /** Resolves true once every attached consumer has handled `position`, false after `timeoutMs`. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.reached() >= position) return true;
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

  /** Names of consumers currently catching up after a failure. */
  detached(): string[] {
    return this.feeds.filter((f) => f.detached).map((f) => f.consumer.name);
  }

  /** Each consumer's position (its durable checkpoint until the feed has started). */
  async status(): Promise<ConsumerStatus[]> {
    if (this.feeds.length === 0)
      return Promise.all(
        this.consumers.map(async (c) => ({ name: c.name, position: await c.position(), detached: false })),
      );
    return this.feeds.map((f) => ({ name: f.consumer.name, position: f.position, detached: f.detached }));
  }

  private reached(): number {
    return this.live;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    this.feeds = await Promise.all(
      this.consumers.map(async (consumer) => ({ consumer, position: await consumer.position(), detached: false })),
    );
    let delay = this.options.retryDelayMs ?? 1000;
    while (!signal.aborted) {
      try {
        await this.follow(signal);
      } catch (error) {
        if (signal.aborted) break;
        this.options.logger?.error('store subscription failed; resubscribing', error);
        await sleep(delay, undefined, { signal }).catch(() => undefined);
        delay = Math.min(delay * 2, this.options.maxRetryDelayMs ?? 30_000);
      }
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
    const attached = this.feeds.filter((f) => !f.detached);
    const from = attached.length ? Math.min(...attached.map((f) => f.position)) : await this.store.headPosition();
    this.live = Math.max(this.live, from);
    this.settle();
    // Batches, not single events: what arrived while the consumers were busy goes to each of them
    // at once (one read-model transaction, one Kafka send), so the feed keeps up under load.
    const liveBatch = this.options.liveBatch ?? 500;
    for await (const batch of liveBatches(this.store.subscribe(from, { signal }), liveBatch)) {
      const last = batch.at(-1)!.position;
      this.dispatching = last;
      const attached = this.feeds.filter((f) => !f.detached);
      const together = new Set(attached.map((f) => f.consumer.name));
      /** Consumers whose `handle` failed, with what they were handed: they isolate it after the shared commit. */
      const isolating = new Map<Feed, RecordedEvent[]>();
      const deliver = async (feed: Feed, events: readonly RecordedEvent[]) => {
        const wanted = events.filter((e) => e.position > feed.position && matchesFilter(e, feed.consumer.filter));
        try {
          if (wanted.length > 0) await feed.consumer.handle(wanted);
          feed.position = Math.max(feed.position, events.at(-1)!.position);
        } catch (error) {
          together.delete(feed.consumer.name);
          if (feed.consumer.isolate) isolating.set(feed, wanted);
          else this.detach(feed, error);
        }
      };
      const reactors = attached.filter((f) => f.consumer.reacts);
      const others = attached.filter((f) => !f.consumer.reacts);
      const handOver = async () => {
        for (const feed of reactors) await deliver(feed, batch);
        // What the reactions appended goes to the others now, with its cause: a read model takes a
        // mark and its release in one write. The live feed brings it again, to the reactors.
        const reactions = reactors.length > 0 && others.length > 0 ? await this.appendedAfter(last, liveBatch) : [];
        if (reactions.length > 0) this.dispatching = reactions.at(-1)!.position;
        for (const feed of others) await deliver(feed, reactions.length > 0 ? [...batch, ...reactions] : batch);
      };
      try {
        await (this.options.commitTogether ? this.options.commitTogether(together, handOver) : handOver());
      } catch (error) {
        // The shared commit was not written: its consumers catch up from their durable checkpoints.
        for (const feed of attached) if (!feed.detached) this.detach(feed, error);
      }
      // One event at a time, each committed on its own (a shared commit would hide one's writes from
      // the next), before the next batch: the stream that fails is parked, the rest of the batch flows.
      for (const [feed, events] of isolating) {
        if (feed.detached || !feed.consumer.isolate) continue;
        try {
          await feed.consumer.isolate(events);
          feed.position = Math.max(feed.position, last);
        } catch (error) {
          this.detach(feed, error);
        }
      }
      // Waiters hear of the batch only now, after the shared commit: reads see its writes.
      this.live = last;
      this.settle();
    }
  }

  /** Up to `limit` events after `position`; none if the store cannot say (the live feed brings them). */
  private async appendedAfter(position: number, limit: number): Promise<RecordedEvent[]> {
    try {
      return await readAfter(this.store, position, limit);
    } catch (error) {
      this.options.logger?.error('could not read the reactions to a batch; they follow with the next', error);
      return [];
    }
  }

  private detach(feed: Feed, error: unknown): void {
    feed.detached = true;
    this.options.logger?.error(`${feed.consumer.name} failed; it will catch up from its checkpoint`, error);
    const recovery = this.recover(feed).finally(() => this.recoveries.delete(recovery));
    this.recoveries.add(recovery);
  }

  /** Catch up alone from the durable checkpoint, with backoff, until level with the live feed. */
  private async recover(feed: Feed): Promise<void> {
    const signal = this.abort.signal;
    let delay = this.options.retryDelayMs ?? 1000;
    for (let attempt = 0; !signal.aborted; attempt++) {
      if (attempt === 0 || delay > 0) await sleep(delay, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return;
      try {
        // Everything up to `scanned` that the consumer wants has been handled once the last batch is.
        let scanned = await feed.consumer.position();
        // readAll reads at least up to the head as it is now.
        const head = await this.store.headPosition();
        let batch: RecordedEvent[] = [];
        for await (const event of this.store.readAll(scanned, feed.consumer.filter)) {
          batch.push(event);
          if (batch.length >= (this.options.catchUpBatch ?? 200)) {
            await this.handleOrIsolate(feed.consumer, batch);
            scanned = event.position;
            batch = [];
          }
          if (signal.aborted) return;
        }
        if (batch.length) await this.handleOrIsolate(feed.consumer, batch);
        scanned = Math.max(scanned, batch.at(-1)?.position ?? 0, head);
        // No await between this check and the switch: the live loop cannot slip an event past.
        // `dispatching` covers an event the live loop is handing to other consumers right now.
        if (scanned >= this.dispatching) {
          feed.position = scanned;
          feed.detached = false;
          return;
        }
        delay = 0;
      } catch (error) {
        this.options.logger?.error(`${feed.consumer.name} is still failing`, error);
        delay = Math.min(
          Math.max(delay, this.options.retryDelayMs ?? 1000) * 2,
          this.options.maxRetryDelayMs ?? 30_000,
        );
      }
    }
  }

  /** Catching up: a batch that fails is handed over again one event at a time, if the consumer parks. */
  private async handleOrIsolate(consumer: CheckpointedConsumer, events: readonly RecordedEvent[]): Promise<void> {
    try {
      await consumer.handle(events);
    } catch (error) {
      if (!consumer.isolate) throw error;
      this.options.logger?.error(`${consumer.name} failed on a batch; handing it over one event at a time`, error);
      await consumer.isolate(events);
    }
  }

  private settle(): void {
    if (this.waiters.length === 0) return;
    const reached = this.reached();
    const done = this.waiters.filter((w) => w.position <= reached);
    this.waiters = this.waiters.filter((w) => w.position > reached);
    for (const waiter of done) waiter.resolve(true);
  }
}
