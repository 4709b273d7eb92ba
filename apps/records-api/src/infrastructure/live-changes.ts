import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CheckpointedConsumer, EventStore, RecordedEvent } from '#event-store';
import { EVENT_STORE } from './tokens.js';

/** What a live client is told: a stream changed; it refetches through the authorised API. */
export interface StreamChange {
  position: number;
  stream: string;
  type: string;
  /** The event's learner when its data names one (enrolments started, awards): saves a lookup. */
  learnerId: string | null;
}

export type ChangeListener = (change: StreamChange) => void;

/**
 * The last consumer on the process's one subscription: it runs after the read models have taken
 * each event, so a client that refetches on a change sees it. It keeps no durable checkpoint
 * (a live view only wants what happens from now on) and never fails: a listener that throws is
 * logged and the others still hear the change.
 */
@Injectable()
export class LiveChanges implements CheckpointedConsumer {
  readonly name = 'live-changes';
  private readonly logger = new Logger('LiveChanges');
  private readonly listeners = new Set<ChangeListener>();
  private seen: number | undefined;
  /** Starts following the log when the first listener comes (see followOnceWatched). */
  private whenWatched: (() => void) | undefined;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async position(): Promise<number> {
    this.seen ??= await this.store.headPosition();
    return this.seen;
  }

  async handle(events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      this.seen = event.position;
      if (this.listeners.size === 0) continue;
      const data = event.data as { learnerId?: unknown } | null;
      const change: StreamChange = {
        position: event.position,
        stream: event.streamId,
        type: event.type,
        learnerId: typeof data?.learnerId === 'string' ? data.learnerId : null,
      };
      for (const listener of this.listeners) {
        try {
          listener(change);
        } catch (error) {
          this.logger.warn(`a live listener failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }

  /** Starts telling `listener` about changes; the returned function stops it. */
  listen(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    const follow = this.whenWatched;
    this.whenWatched = undefined;
    follow?.();
    return () => this.listeners.delete(listener);
  }

  /** Calls `follow` when the first listener comes (at once if one has): before that, no change needs telling. */
  followOnceWatched(follow: () => void): void {
    if (this.listeners.size > 0) follow();
    else this.whenWatched = follow;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
