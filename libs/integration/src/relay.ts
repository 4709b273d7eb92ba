import type { CheckpointedConsumer, EventFilter, RecordedEvent } from '#event-store';
import type { ReadModelStore } from '#projections';
import { INTEGRATION_FILTER, toIntegrationEvents, type CloudEventOptions } from './cloud-events.js';
import { errorMessage } from './error-message.js';
import type { IntegrationPublisher } from './publisher.port.js';

/** Where a consumer keeps the position of the last event it has durably handled. */
export interface CheckpointStore {
  /** 0 when nothing was saved yet. */
  get(name: string): Promise<number>;
  save(name: string, position: number): Promise<void>;
}

export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, number>();
  async get(name: string): Promise<number> {
    return this.positions.get(name) ?? 0;
  }
  async save(name: string, position: number): Promise<void> {
    this.positions.set(name, position);
  }
}

/** Checkpoints in the read-model store's checkpoint table (a commit without document writes). */
export class ReadModelCheckpointStore implements CheckpointStore {
  constructor(private readonly store: Pick<ReadModelStore, 'checkpoint' | 'commit'>) {}
  get(name: string): Promise<number> {
    return this.store.checkpoint(name);
  }
  save(name: string, position: number): Promise<void> {
    return this.store.commit(name, position, []);
  }
}

export interface IntegrationRelayOptions extends CloudEventOptions {
  /** Checkpoint name; default `integration-relay`. Two relays with different sinks need different names. */
  name?: string;
  /** Every sink gets every event; the checkpoint moves only when all of them resolved. */
  sinks: readonly IntegrationPublisher[];
  checkpoints: CheckpointStore;
}

/**
 * Store subscription -> CloudEvents -> sinks (Kafka topic, webhooks), checkpointed: at-least-once.
 *
 * `handle` maps the events, publishes them to every sink and saves the checkpoint only after all
 * sinks resolved. If any sink rejects, `handle` rejects without saving: the SubscriptionHub logs
 * it and resubscribes from this checkpoint, so the same events (with the same CloudEvent ids) are
 * published again; consumers de-duplicate on the id.
 *
 * Blocking policy: a Kafka failure blocks the relay until Kafka is back (never lose an award
 * event). The webhook sink does not block: after its retries it dead-letters the delivery and
 * resolves; it rejects (and so blocks) only when it cannot record the dead letter.
 */
export class IntegrationRelay implements CheckpointedConsumer {
  readonly name: string;
  readonly filter: EventFilter = INTEGRATION_FILTER;
  private readonly cloudEventOptions: CloudEventOptions;

  constructor(private readonly options: IntegrationRelayOptions) {
    this.name = options.name ?? 'integration-relay';
    this.cloudEventOptions = options.source === undefined ? {} : { source: options.source };
  }

  position(): Promise<number> {
    return this.options.checkpoints.get(this.name);
  }

  async handle(events: readonly RecordedEvent[]): Promise<void> {
    const last = events.at(-1);
    if (!last) return;
    const cloudEvents = toIntegrationEvents(events, this.cloudEventOptions);
    if (cloudEvents.length > 0) {
      // allSettled, not all: never return (and get called again for the same events) while a
      // sink is still delivering the previous attempt.
      const results = await Promise.allSettled(this.options.sinks.map((sink) => sink.publish(cloudEvents)));
      const failed = results.flatMap((r, i) =>
        r.status === 'rejected' ? [{ sink: this.options.sinks[i]!, reason: r.reason as unknown }] : [],
      );
      if (failed.length > 0) {
        throw new RelayPublishError(
          `${this.name}: ${failed.map((f) => f.sink.name).join(', ')} did not accept events up to position ${last.position}; the checkpoint stays`,
          failed.map((f) => f.reason),
        );
      }
    }
    await this.options.checkpoints.save(this.name, last.position);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.options.sinks.map((sink) => sink.close()));
  }
}

export class RelayPublishError extends AggregateError {
  constructor(message: string, errors: unknown[]) {
    super(errors, `${message}: ${errors.map(errorMessage).join('; ')}`);
    this.name = 'RelayPublishError';
  }
}
