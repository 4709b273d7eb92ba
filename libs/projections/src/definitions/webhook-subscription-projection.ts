import {
  evolveWebhookSubscription,
  idOf,
  initialWebhookSubscriptionState,
  streams,
  type WebhookSubscriptionEvent,
  type WebhookSubscriptionState,
} from '#domain';
import { readModelProjection, type ReadModelProjection } from '../projection.js';

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

export const webhookSubscriptionProjection: ReadModelProjection<WebhookSubscriptionDocument> = readModelProjection<
  WebhookSubscriptionDocument,
  WebhookSubscriptionEvent
>({
  collection: WEBHOOK_SUBSCRIPTIONS,
  canHandle: [
    'WebhookSubscriptionCreated',
    'WebhookSubscriptionPaused',
    'WebhookSubscriptionResumed',
    'WebhookSubscriptionDisabled',
    'WebhookSecretRotated',
    'WebhookSubscriptionDeleted',
  ],
  documentIdOf: (event) => (event.streamId.startsWith(PREFIX) ? idOf(event.streamId) : undefined),
  evolve: (doc, event) => ({
    ...evolveWebhookSubscription(doc ?? initialWebhookSubscriptionState, event),
    since: doc?.since ?? event.position,
  }),
  indexOf: (doc) => ({ ref: ALL_WEBHOOK_SUBSCRIPTIONS, status: doc.status }),
});
