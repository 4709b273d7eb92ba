import type { DomainEvent } from '../shared/decider.js';
import type { SealedText } from '../learner/personal-text.js';

/**
 * A downstream system's webhook endpoint. Its signing secret is sealed by the shell before it
 * reaches a command (under a key of the subscription's own, kept out of the log): the log never
 * holds it in plain text, and deleting the subscription destroys the key.
 */
export type WebhookSubscriptionCreated = DomainEvent<
  'WebhookSubscriptionCreated',
  {
    subscriptionId: string;
    url: string;
    /** CloudEvent types delivered to the endpoint; empty means every type. */
    eventTypes: string[];
    description: string;
    secret: SealedText;
    createdBy: string;
    createdAt: string;
  }
>;
export type WebhookSubscriptionPaused = DomainEvent<
  'WebhookSubscriptionPaused',
  { subscriptionId: string; pausedBy: string; pausedAt: string }
>;
export type WebhookSubscriptionResumed = DomainEvent<
  'WebhookSubscriptionResumed',
  { subscriptionId: string; resumedBy: string; resumedAt: string }
>;
/** The endpoint answered 410 Gone: Standard Webhooks asks the sender to stop until someone resumes it. */
export type WebhookSubscriptionDisabled = DomainEvent<
  'WebhookSubscriptionDisabled',
  { subscriptionId: string; reason: string; disabledAt: string }
>;
/** The previous secret still signs deliveries until `previousSecretValidUntil` (both signatures are sent). */
export type WebhookSecretRotated = DomainEvent<
  'WebhookSecretRotated',
  { subscriptionId: string; secret: SealedText; previousSecretValidUntil: string; rotatedBy: string; rotatedAt: string }
>;
export type WebhookSubscriptionDeleted = DomainEvent<
  'WebhookSubscriptionDeleted',
  { subscriptionId: string; deletedBy: string; deletedAt: string }
>;

export type WebhookSubscriptionEvent =
  | WebhookSubscriptionCreated
  | WebhookSubscriptionPaused
  | WebhookSubscriptionResumed
  | WebhookSubscriptionDisabled
  | WebhookSecretRotated
  | WebhookSubscriptionDeleted;

export type CreateWebhookSubscription = {
  type: 'CreateWebhookSubscription';
  data: Omit<WebhookSubscriptionCreated['data'], 'createdAt'>;
};
/**
 * Who manages an endpoint: registry staff manage every one; an integration client (`onlyOwn`)
 * only those it created.
 */
export interface WebhookManager {
  by: string;
  onlyOwn: boolean;
}

export type PauseWebhookSubscription = { type: 'PauseWebhookSubscription'; data: WebhookManager };
export type ResumeWebhookSubscription = { type: 'ResumeWebhookSubscription'; data: WebhookManager };
export type DisableWebhookSubscription = { type: 'DisableWebhookSubscription'; data: { reason: string } };
export type RotateWebhookSecret = {
  type: 'RotateWebhookSecret';
  data: WebhookManager & { secret: SealedText; overlapHours: number };
};
export type DeleteWebhookSubscription = { type: 'DeleteWebhookSubscription'; data: WebhookManager };

export type WebhookSubscriptionCommand =
  | CreateWebhookSubscription
  | PauseWebhookSubscription
  | ResumeWebhookSubscription
  | DisableWebhookSubscription
  | RotateWebhookSecret
  | DeleteWebhookSubscription;
