import type { ReadModelStore } from '#projections';
import type { CloudEvent } from '../cloud-events.js';

export const WEBHOOK_DELIVERIES = 'webhook-deliveries';
/** The marker checkpoint that operator actions (replays) commit under; it counts them. */
const REPLAYS_CHECKPOINT = 'webhook-replays';

export type WebhookDeliveryState = 'retrying' | 'dead' | 'delivered';

/**
 * A delivery that did not succeed at its first attempt: the whole CloudEvent (so it can be sent
 * again without the log), how many attempts were made and why the last one failed. A delivery
 * that succeeds at once leaves no document, only the endpoint's checkpoint.
 */
export interface WebhookDelivery {
  subscriptionId: string;
  event: CloudEvent;
  state: WebhookDeliveryState;
  attempts: number;
  /** When the next attempt is due (retrying only). */
  nextAttemptAt: string | null;
  lastError: string;
  updatedAt: string;
}

const checkpointOf = (subscriptionId: string) => `webhook:${subscriptionId}`;
const retryingStatus = (subscriptionId: string) => `retrying:${subscriptionId}`;

/**
 * Each endpoint's progress, in the read-model store: its own checkpoint (`webhook:<id>`, the
 * last log position whose delivery was settled: sent, scheduled for a retry, or dead-lettered) and
 * its deliveries (collection `webhook-deliveries`, id `<subscription> <event id>`, `ref` the
 * subscription, `status` `retrying:<subscription>` with `due` the next attempt, `dead`, or
 * `delivered` until pruned).
 *
 * Only the endpoint's own worker writes under its checkpoint, so the checkpoint never moves back;
 * a delivery and the checkpoint move together in one commit.
 */
export class WebhookDeliveries {
  private replays: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: ReadModelStore) {}

  checkpoint(subscriptionId: string): Promise<number> {
    return this.store.checkpoint(checkpointOf(subscriptionId));
  }

  /** Moves the endpoint's checkpoint to `position`, with the delivery document that changed, if any. */
  settle(subscriptionId: string, position: number, delivery?: WebhookDelivery): Promise<void> {
    return this.store.commit(checkpointOf(subscriptionId), position, delivery ? [this.write(delivery)] : []);
  }

  /**
   * Forgets the deliveries that succeeded on a retry before `before`. A retry settles as
   * `delivered` (replacing its `retrying` document in the checkpoint's commit, so it is never sent
   * again); nothing reads those afterwards, so they are pruned and storage stays bounded by
   * the deliveries still retrying or dead. Returns how many.
   */
  pruneDelivered(before: Date): Promise<number> {
    return this.store.deleteDue(WEBHOOK_DELIVERIES, 'delivered', before.toISOString());
  }

  /** Retries of the endpoint due before `now`, at most `limit`. */
  due(subscriptionId: string, now: Date, limit: number): Promise<WebhookDelivery[]> {
    return this.store.findDue<WebhookDelivery>(
      WEBHOOK_DELIVERIES,
      retryingStatus(subscriptionId),
      now.toISOString(),
      limit,
    );
  }

  async ofSubscription(subscriptionId: string, state?: WebhookDeliveryState): Promise<WebhookDelivery[]> {
    const deliveries = await this.store.findByRef<WebhookDelivery>(WEBHOOK_DELIVERIES, subscriptionId);
    return deliveries.filter((d) => state === undefined || d.state === state);
  }

  /**
   * Sends dead letters of the endpoint again: each becomes a retry due now, keeping its attempt
   * count (the next attempt's number is true, and its schedule is spent: if that attempt fails too,
   * it is dead again at once). `eventIds` undefined replays every dead letter. Returns those replayed.
   */
  replay(subscriptionId: string, now: Date, eventIds?: readonly string[]): Promise<WebhookDelivery[]> {
    const next = this.replays.then(async () => {
      const dead = await this.ofSubscription(subscriptionId, 'dead');
      const chosen = eventIds === undefined ? dead : dead.filter((d) => eventIds.includes(d.event.id));
      if (chosen.length === 0) return [];
      const at = now.toISOString();
      const replayed = chosen.map((d): WebhookDelivery => ({
        ...d,
        state: 'retrying',
        nextAttemptAt: at,
        updatedAt: at,
      }));
      const count = await this.store.checkpoint(REPLAYS_CHECKPOINT);
      await this.store.commit(
        REPLAYS_CHECKPOINT,
        count + 1,
        replayed.map((d) => this.write(d)),
      );
      return replayed;
    });
    this.replays = next.catch(() => undefined);
    return next;
  }

  private write(delivery: WebhookDelivery) {
    return {
      collection: WEBHOOK_DELIVERIES,
      id: `${delivery.subscriptionId} ${delivery.event.id}`,
      doc: delivery,
      index: {
        ref: delivery.subscriptionId,
        status: delivery.state === 'retrying' ? retryingStatus(delivery.subscriptionId) : delivery.state,
        // A delivered one is due for pruning from when it was delivered.
        due: delivery.state === 'delivered' ? delivery.updatedAt : delivery.nextAttemptAt,
      },
    };
  }
}
