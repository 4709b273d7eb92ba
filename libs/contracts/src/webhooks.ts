import type { WebhookSubscriptionStatus } from '#domain';

/* What the webhook API (/v1/webhooks) takes and answers, for the API's DTOs and the web app. Type-only. */

/** A subscription as the API shows it: never its secrets (GET …/secret reveals them). */
export interface WebhookSubscriptionView {
  id: string;
  url: string;
  eventTypes: string[];
  description: string;
  status: WebhookSubscriptionStatus;
  disabledReason: string | null;
  createdAt: string;
  /** Until when the previous secret also signs deliveries, after a rotation. */
  previousSecretValidUntil: string | null;
  deadLetters: number;
}

/** GET /v1/webhooks/subscriptions/:id/secret: the Standard Webhooks `whsec_` secrets. */
export interface WebhookSecretView {
  secret: string;
  previousSecret: string | null;
  previousSecretValidUntil: string | null;
}

export interface DeadLetterView {
  subscriptionId: string;
  eventId: string;
  type: string;
  subject: string;
  attempts: number;
  lastError: string;
  failedAt: string;
}

export interface TestDeliveryResult {
  eventId: string;
  delivered: boolean;
  /** The endpoint's HTTP status, absent when it could not be reached. */
  status: number | null;
  error: string | null;
}

export interface DeadLetterReplayResult {
  replayed: number;
}

/** POST /v1/webhooks/subscriptions. No or empty `eventTypes`: every type. */
export interface CreateWebhookSubscriptionRequest {
  url: string;
  eventTypes?: string[];
  description?: string;
}

/** POST …/secret-rotation. */
export interface RotateWebhookSecretRequest {
  overlapHours?: number;
}

/** POST …/dead-letter-replays: one dead letter (its event id), or every one of the endpoint. */
export interface DeadLetterReplayRequest {
  eventId?: string;
}
