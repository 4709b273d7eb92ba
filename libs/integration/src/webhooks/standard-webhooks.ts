import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks (standardwebhooks.com) signing, with the reference library: every delivery
 * carries `webhook-id` (the message id, the same on every retry: receivers de-duplicate on it),
 * `webhook-timestamp` (integer Unix seconds of this attempt: receivers refuse stale ones, which is
 * the replay window) and `webhook-signature`, a space-separated list of `v1,<base64 HMAC-SHA256>`
 * over `<id>.<timestamp>.<body>`, one per secret valid now (two while a rotation overlaps).
 */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** The specification asks for 24 to 64 random bytes; 32 is the reference libraries' choice. */
export const WEBHOOK_SECRET_BYTES = 32;

/** A new endpoint secret: `whsec_` + base64 of 32 random bytes. */
export const newWebhookSecret = (): string =>
  `${WEBHOOK_SECRET_PREFIX}${randomBytes(WEBHOOK_SECRET_BYTES).toString('base64')}`;

const SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

/** A `whsec_` secret whose key is 24 to 64 bytes. */
export const isWebhookSecret = (secret: string): boolean => {
  if (!SECRET_PATTERN.test(secret)) return false;
  const bytes = Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), 'base64').length;
  return bytes >= 24 && bytes <= 64;
};

export interface StandardWebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three Standard Webhooks headers for one attempt, signed with every given secret (newest first). */
export const standardWebhookHeaders = (
  id: string,
  sentAt: Date,
  body: string,
  secrets: readonly string[],
): StandardWebhookHeaders => {
  if (secrets.length === 0) throw new Error(`webhook ${id}: no secret to sign with`);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, sentAt, body)).join(' '),
  };
};
