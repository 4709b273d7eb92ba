import { randomInt } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import {
  allocationsOf,
  statusIndexOf,
  statusListDecider,
  streams,
  type RandomSource,
  type StatusAllocation,
} from '#domain';
import { ConcurrencyConflict } from '#event-store';
import { MIN_STATUS_LIST_BITS } from '#credentials';
import { DeciderRunner } from '../../commands/decider-runner.js';
import { systemContext } from '../../commands/command-context.js';

/** Where status indexes are drawn from: cryptographically random, so an index cannot be guessed. */
export const STATUS_INDEX_RANDOM = Symbol('StatusIndexRandom');
export const statusIndexRandom: RandomSource = (bound) => randomInt(bound);

/** Another replica keeps allocating in the same list: each conflict means one more credential got an index. */
const MAX_ATTEMPTS = 20;
/** Up to this many milliseconds per attempt so far: replicas that collided draw apart before trying again. */
const BACKOFF_MS = 5;

/**
 * Gives each credential a stable, never reused index in its issuer's revocation list the first
 * time it is issued, through the status list's decider (the index is decided and recorded in the
 * event, so a rebuild gives the same indexes; the append's expected version keeps two replicas from
 * giving one index twice). Allocations in this process queue per list, so they do not race each other.
 */
@Injectable()
export class StatusIndexAllocator {
  private readonly decider: ReturnType<typeof statusListDecider>;
  private readonly known = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly runner: DeciderRunner,
    @Inject(STATUS_INDEX_RANDOM) random: RandomSource,
  ) {
    this.decider = statusListDecider({ size: MIN_STATUS_LIST_BITS, random });
  }

  /** The credential's index in the list, allocating a free one if it has none. */
  async indexOf(list: string, credentialId: string, covers: readonly string[]): Promise<number> {
    const key = `${list}\n${credentialId}`;
    const cached = this.known.get(key);
    if (cached !== undefined) return cached;
    const index = await this.serially(list, () => this.allocate(list, credentialId, covers));
    this.known.set(key, index);
    return index;
  }

  /** Every allocation in the list so far, including other replicas', and when the list began. */
  async allocations(list: string): Promise<{ allocations: StatusAllocation[]; since: string | undefined }> {
    const { state } = await this.runner.load(this.decider, streams.statusList(list));
    return { allocations: allocationsOf(state), since: state.since ?? undefined };
  }

  private async allocate(list: string, credentialId: string, covers: readonly string[]): Promise<number> {
    const command = { type: 'AllocateStatusIndex' as const, data: { credentialId, covers: [...covers] } };
    for (let attempt = 1; ; attempt++) {
      try {
        // No read model shows allocations: nothing to wait for.
        const { state } = await this.runner.run(
          this.decider,
          streams.statusList(list),
          command,
          systemContext('credential-issuer', credentialId),
          undefined,
          false,
        );
        return statusIndexOf(state, credentialId)!;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict) || attempt >= MAX_ATTEMPTS) throw error;
        await delay(Math.random() * BACKOFF_MS * attempt);
      }
    }
  }

  private serially<T>(list: string, work: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(list) ?? Promise.resolve()).then(work, work);
    this.queues.set(
      list,
      run.catch(() => undefined),
    );
    return run;
  }
}
