import type { CloudEvent } from '../cloud-events.js';
import { errorMessage } from '../error-message.js';
import { standardWebhookHeaders } from './standard-webhooks.js';

export const CLOUDEVENTS_JSON = 'application/cloudevents+json';
export const DELIVERY_ATTEMPT_HEADER = 'x-credence-delivery-attempt';
/** Within the 15-30 s the Standard Webhooks specification recommends. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 15_000;

export type WebhookOutcome =
  | { ok: true; status: number }
  | {
      ok: false;
      /** HTTP status, absent for network errors and timeouts. */
      status?: number;
      error: string;
      /** 410 Gone: the endpoint wants no more deliveries; the sender disables it. */
      gone: boolean;
      /** Seconds from a Retry-After header. */
      retryAfter?: number;
    };

export interface WebhookRequest {
  url: string;
  event: CloudEvent;
  /** Valid signing secrets, newest first. */
  secrets: readonly string[];
  /** This attempt's number, counted over the delivery's life (1 for the first). */
  attempt: number;
  sentAt: Date;
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

const retryAfterSeconds = (value: string | null): number | undefined =>
  value !== null && /^\d{1,6}$/.test(value.trim()) ? Number(value) : undefined;

/**
 * One Standard Webhooks delivery attempt: POSTs the CloudEvent in structured mode (the same
 * envelope as the feed) with the webhook-* headers. Only 2xx is success (Standard Webhooks
 * "Delivery success and failure"): redirects are not followed (a signed body goes only where it
 * was meant to) and count as failures like every other answer.
 */
export const postWebhook = async (request: WebhookRequest): Promise<WebhookOutcome> => {
  const body = JSON.stringify(request.event);
  const timeout = AbortSignal.timeout(request.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS);
  try {
    const response = await (request.fetch ?? globalThis.fetch)(request.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: {
        'content-type': `${CLOUDEVENTS_JSON}; charset=utf-8`,
        ...standardWebhookHeaders(request.event.id, request.sentAt, body, request.secrets),
        [DELIVERY_ATTEMPT_HEADER]: String(request.attempt),
        'user-agent': 'credence-webhooks',
      },
      signal: request.signal ? AbortSignal.any([timeout, request.signal]) : timeout,
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
    return {
      ok: false,
      status: response.status,
      error: `HTTP ${response.status}`,
      gone: response.status === 410,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    };
  } catch (error) {
    return { ok: false, error: errorMessage(error), gone: false };
  }
};
