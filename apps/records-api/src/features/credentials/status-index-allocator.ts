import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '#domain';
import { ConcurrencyConflict, type EventStore } from '#event-store';
import { MIN_STATUS_LIST_BITS } from '#credentials';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens.js';

/** The revocation list's allocation log: event n (1-based) gives status index n - 1 to one award. */
export const STATUS_INDEX_STREAM = 'credentialstatus-revocation';
export const STATUS_INDEX_ALLOCATED = 'CredentialStatusIndexAllocated';

const MAX_ATTEMPTS = 10;

/**
 * Gives each award a stable, never reused index in the revocation status list, the first time
 * its credential is issued. The allocations are events in one stream of the event store, appended
 * with an expected version: durable across restarts, and two API replicas can never hand out the
 * same index (the loser of a race re-reads and tries the next one). Indexes are in issue order,
 * so they reveal nothing about the learner or the award.
 */
@Injectable()
export class StatusIndexAllocator {
  private readonly indexes = new Map<string, number>();
  private version = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The award's index, allocating the next free one if it has none. */
  indexOf(awardId: string): Promise<number> {
    const known = this.indexes.get(awardId);
    if (known !== undefined) return Promise.resolve(known);
    return this.serially(() => this.allocate(awardId));
  }

  /** Every allocation so far (award id -> index), including other processes'. */
  allocations(): Promise<ReadonlyMap<string, number>> {
    return this.serially(async () => {
      await this.refresh();
      return new Map(this.indexes);
    });
  }

  private async allocate(awardId: string): Promise<number> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await this.refresh();
      const known = this.indexes.get(awardId);
      if (known !== undefined) return known;
      if (this.version >= MIN_STATUS_LIST_BITS) throw new Error('the revocation status list is full');
      const event = {
        type: STATUS_INDEX_ALLOCATED,
        data: { awardId, statusPurpose: 'revocation', statusListIndex: this.version },
        metadata: {
          actor: 'credential-issuer',
          role: 'system',
          correlationId: awardId,
          causationId: null,
          occurredAt: this.clock.now().toISOString(),
        },
      };
      try {
        await this.store.append(STATUS_INDEX_STREAM, [event], this.version === 0 ? 'no-stream' : this.version);
      } catch (error) {
        if (error instanceof ConcurrencyConflict) continue;
        throw error;
      }
    }
    throw new Error(`could not allocate a status index for award ${awardId}: too much contention`);
  }

  private async refresh(): Promise<void> {
    const events = await this.store.read(STATUS_INDEX_STREAM);
    for (const event of events.slice(this.version)) {
      const { awardId } = event.data as { awardId: string };
      if (!this.indexes.has(awardId)) this.indexes.set(awardId, event.streamVersion - 1);
    }
    this.version = events.length;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
