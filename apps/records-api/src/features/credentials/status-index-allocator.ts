import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '#domain';
import { ConcurrencyConflict, type EventStore } from '#event-store';
import { MIN_STATUS_LIST_BITS } from '#credentials';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens.js';

/** Each issuer's revocation list has an allocation log: one event per credential given an index. */
export const statusIndexStream = (list: string): string => `credentialstatus-${list}`;
export const STATUS_INDEX_ALLOCATED = 'CredentialStatusIndexAllocated';

/** A credential's place in a list; its bit is set once any of the awards it `covers` is revoked. */
export interface StatusAllocation {
  credentialId: string;
  covers: string[];
  statusListIndex: number;
}

const MAX_ATTEMPTS = 10;

interface ListState {
  byCredential: Map<string, StatusAllocation>;
  taken: Set<number>;
  version: number;
  since: string | undefined;
}

/**
 * Gives each credential a stable, never reused index in its issuer's revocation list the first
 * time it is issued. The index is drawn at random (the Bitstring Status List spec: SHOULD be
 * random, so an index says nothing of issue order) and recorded in the allocation event, so a
 * rebuild from the log gives every credential the same index. Appended with an expected version:
 * two API replicas can never hand out one index twice (the loser re-reads and draws again).
 */
@Injectable()
export class StatusIndexAllocator {
  private readonly lists = new Map<string, ListState>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The credential's index in the list, allocating a free one if it has none. */
  indexOf(list: string, credentialId: string, covers: readonly string[]): Promise<number> {
    const known = this.lists.get(list)?.byCredential.get(credentialId);
    if (known) return Promise.resolve(known.statusListIndex);
    return this.serially(() => this.allocate(list, credentialId, covers));
  }

  /** Every allocation in the list so far, including other processes', and when the list began. */
  allocations(list: string): Promise<{ allocations: StatusAllocation[]; since: string | undefined }> {
    return this.serially(async () => {
      const state = await this.refresh(list);
      return { allocations: [...state.byCredential.values()], since: state.since };
    });
  }

  private async allocate(list: string, credentialId: string, covers: readonly string[]): Promise<number> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const state = await this.refresh(list);
      const known = state.byCredential.get(credentialId);
      if (known) return known.statusListIndex;
      if (state.taken.size >= MIN_STATUS_LIST_BITS) throw new Error(`the revocation status list ${list} is full`);
      let index = randomInt(MIN_STATUS_LIST_BITS);
      while (state.taken.has(index)) index = randomInt(MIN_STATUS_LIST_BITS);
      const event = {
        type: STATUS_INDEX_ALLOCATED,
        data: { credentialId, covers: [...covers], statusPurpose: 'revocation', statusListIndex: index },
        metadata: {
          actor: 'credential-issuer',
          role: 'system',
          correlationId: credentialId,
          causationId: null,
          occurredAt: this.clock.now().toISOString(),
        },
      };
      try {
        await this.store.append(statusIndexStream(list), [event], state.version === 0 ? 'no-stream' : state.version);
      } catch (error) {
        if (error instanceof ConcurrencyConflict) continue;
        throw error;
      }
    }
    throw new Error(`could not allocate a status index for ${credentialId}: too much contention`);
  }

  private async refresh(list: string): Promise<ListState> {
    const state = this.lists.get(list) ?? { byCredential: new Map(), taken: new Set(), version: 0, since: undefined };
    this.lists.set(list, state);
    const events = await this.store.read(statusIndexStream(list));
    state.since ??= events[0]?.metadata.occurredAt;
    for (const event of events.slice(state.version)) {
      const allocation = event.data as StatusAllocation;
      if (state.byCredential.has(allocation.credentialId) || state.taken.has(allocation.statusListIndex)) continue;
      state.byCredential.set(allocation.credentialId, {
        credentialId: allocation.credentialId,
        covers: allocation.covers,
        statusListIndex: allocation.statusListIndex,
      });
      state.taken.add(allocation.statusListIndex);
    }
    state.version = events.length;
    return state;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
