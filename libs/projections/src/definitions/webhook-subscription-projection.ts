import {
  evolveWebhookSubscription,
  idOf,
  initialWebhookSubscriptionState,
  streams,
  type WebhookSubscriptionEvent,
  type WebhookSubscriptionState,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import type { Projection } from '../projection.js';

export const WEBHOOK_SUBSCRIPTIONS = 'webhook-subscriptions';
/** Every subscription shares this `ref`, so one indexed read lists them all. */
export const ALL_WEBHOOK_SUBSCRIPTIONS = 'all';

/**
 * A subscription as the decider folds it, plus `since`: the log position it was created at.
 * Delivery starts after it (an endpoint receives what happens from its creation on; the feed
 * serves the history).
 */
export type WebhookSubscriptionDocument = WebhookSubscriptionState & { since: number };

const PREFIX = streams.webhookSubscription('');

export const webhookSubscriptionProjection: Projection<WebhookSubscriptionDocument> = {
  collection: WEBHOOK_SUBSCRIPTIONS,
  documentIdOf: (event: RecordedEvent) => (event.streamId.startsWith(PREFIX) ? idOf(event.streamId) : undefined),
  apply: (doc, event) => ({
    ...evolveWebhookSubscription(doc ?? initialWebhookSubscriptionState, event as unknown as WebhookSubscriptionEvent),
    since: doc?.since ?? event.position,
  }),
  indexOf: (doc) => ({ ref: ALL_WEBHOOK_SUBSCRIPTIONS, status: doc.status }),
};
