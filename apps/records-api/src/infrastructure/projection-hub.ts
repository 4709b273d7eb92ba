import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SubscriptionHub, type CheckpointedConsumer, type ConsumerStatus, type EventStore } from '#event-store';
import type { Clock } from '#domain';
import {
  ParkingConsumer,
  ProjectionConsumer,
  recordProjections,
  workspaceProjections,
  type ReadModelStore,
} from '#projections';
import { PROJECTIONS_CHECKPOINT, WORKSPACE_CHECKPOINT, type AppConfig } from '#runtime';
import { LiveChanges } from './live-changes.js';
import { APP_CONFIG, CLOCK, EVENT_STORE, PROCESS_MANAGERS, READ_MODEL_STORE } from './tokens.js';

const CHECKPOINT_POLL_MS = 5;

/** The process's one store subscription, feeding the read models, then any process managers, then live clients. */
@Injectable()
export class ProjectionHub implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProjectionHub');
  readonly consumer: ProjectionConsumer;
  readonly workspace: ProjectionConsumer;
  private readonly hub: SubscriptionHub;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) readModels: ReadModelStore,
    @Inject(PROCESS_MANAGERS) processes: CheckpointedConsumer[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) clock: Clock,
    live: LiveChanges,
  ) {
    this.consumer = new ProjectionConsumer(PROJECTIONS_CHECKPOINT, readModels, recordProjections);
    this.workspace = new ProjectionConsumer(WORKSPACE_CHECKPOINT, readModels, workspaceProjections);
    // A read model that fails on one stream parks it and keeps every other learner's record current.
    const projections = config.runProjections
      ? [this.consumer, this.workspace].map((consumer) => new ParkingConsumer(consumer, readModels, store, clock))
      : [];
    const consumers = [...projections, ...processes, live];
    this.hub = new SubscriptionHub(store, consumers, {
      // Read models, board runner and relay checkpoints share one transaction per delivered batch.
      commitTogether: readModels.commitTogether?.bind(readModels),
      logger: { error: (message, error) => this.logger.error(message, error instanceof Error ? error.stack : error) },
    });
  }

  onApplicationBootstrap(): void {
    this.hub.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.hub.stop();
  }

  /** Each consumer's position in the log (for its lag). */
  consumers(): Promise<ConsumerStatus[]> {
    return this.hub.status();
  }

  /** Read-your-writes: resolves once the read models include `position` (false on timeout). */
  async caughtUpWith(position: number, timeoutMs: number): Promise<boolean> {
    if (this.config.runProjections) return this.hub.waitFor(position, timeoutMs);
    // Another process projects: watch the shared checkpoint instead.
    const deadline = Date.now() + timeoutMs;
    while ((await this.consumer.position()) < position) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_POLL_MS));
    }
    return true;
  }
}
