import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SubscriptionHub, type CheckpointedConsumer, type ConsumerStatus, type EventStore } from '#event-store';
import type { Clock } from '#domain';
import { ParkingConsumer, type ProjectionConsumer, type ReadModelStore } from '#projections';
import { readModelConsumers } from '#runtime';
import { LiveChanges } from './live-changes.js';
import { ProjectorProgress } from './projector-progress.js';
import { CLOCK, EVENT_STORE, PLAYS_PROJECTOR, PROCESS_MANAGERS, READ_MODEL_STORE } from './tokens.js';

/** How often an API replica reads the projector's checkpoint while commands wait: fast without notifications, slow as their fallback. */
const CHECKPOINT_POLL_MS = 5;
const CHECKPOINT_NOTIFIED_POLL_MS = 100;

/**
 * The process's one store subscription, feeding the read models when this process plays the
 * projector, then any process managers, then live clients. An API replica on shared read models
 * only reads: it follows the projector's checkpoints for read-your-writes.
 */
@Injectable()
export class ProjectionHub implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProjectionHub');
  /** The read-model consumers (see readModelConsumers); `consumer` is the records', whose position health shows. */
  readonly readModelConsumers: ProjectionConsumer[];
  readonly consumer: ProjectionConsumer;
  private readonly hub: SubscriptionHub;
  /** Where the projector process stands, when another process projects. */
  private readonly projector: ProjectorProgress;
  private readonly stopWatching: (() => Promise<void>) | undefined;
  /** Whether anything but live views takes the log's events here (read models, process managers). */
  private readonly followsAlways: boolean;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_STORE) readModels: ReadModelStore,
    @Inject(PROCESS_MANAGERS) processes: CheckpointedConsumer[],
    @Inject(PLAYS_PROJECTOR) private readonly projects: boolean,
    @Inject(CLOCK) clock: Clock,
    private readonly live: LiveChanges,
  ) {
    this.readModelConsumers = readModelConsumers(readModels);
    this.consumer = this.readModelConsumers[0]!;
    // A read model that fails on one stream parks it and keeps every other learner's record current.
    const projections = projects
      ? this.readModelConsumers.map((consumer) => new ParkingConsumer(consumer, readModels, store, clock))
      : [];
    const consumers = [...projections, ...processes, live];
    this.followsAlways = consumers.length > 1;
    this.hub = new SubscriptionHub(store, consumers, {
      // Read models, board runner and relay checkpoints share one transaction per delivered batch.
      commitTogether: readModels.commitTogether?.bind(readModels),
      logger: { error: (message, error) => this.logger.error(message, error instanceof Error ? error.stack : error) },
    });
    const projected = async () => Math.min(...(await Promise.all(this.readModelConsumers.map((c) => c.position()))));
    const watchCommits = projects ? undefined : readModels.watchCommits?.bind(readModels);
    this.projector = new ProjectorProgress(projected, watchCommits ? CHECKPOINT_NOTIFIED_POLL_MS : CHECKPOINT_POLL_MS);
    this.stopWatching = watchCommits?.(() => this.projector.wake());
  }

  onApplicationBootstrap(): void {
    // A replica that only reads follows the log for live views alone: from when someone watches.
    if (this.followsAlways) this.hub.start();
    else this.live.followOnceWatched(() => this.hub.start());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stopWatching?.();
    await this.hub.stop();
  }

  /** Each consumer's position in the log (for its lag). */
  consumers(): Promise<ConsumerStatus[]> {
    return this.hub.status();
  }

  /** Read-your-writes: resolves once the read models include `position` (false on timeout). */
  async caughtUpWith(position: number, timeoutMs: number): Promise<boolean> {
    if (this.projects) return this.hub.waitFor(position, timeoutMs);
    return this.projector.caughtUpWith(position, timeoutMs);
  }
}
