import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { isWebhookSecret, newWebhookSecret, standardWebhookHeaders, WEBHOOK_SECRET_BYTES } from '#integration';

const BODY = JSON.stringify({ id: 'evt-1', type: 'credence.award.issued.v1', data: { awardId: 'a-1' } });

describe('Standard Webhooks signing (verified with the reference standardwebhooks library)', () => {
  it('makes whsec_ secrets of 32 random bytes, each different', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(WEBHOOK_SECRET_BYTES);
    expect(a).not.toBe(b);
    expect(isWebhookSecret(a)).toBe(true);
  });

  it('accepts only whsec_ secrets of 24 to 64 bytes', () => {
    const of = (bytes: number) => `whsec_${Buffer.alloc(bytes, 7).toString('base64')}`;
    expect([23, 24, 64, 65].map((n) => isWebhookSecret(of(n)))).toEqual([false, true, true, false]);
    expect(isWebhookSecret('sha256-secret-0123456789abcdef0123')).toBe(false);
  });

  it('signs id.timestamp.body as v1,<base64> that Webhook.verify accepts', () => {
    const secret = newWebhookSecret();
    const headers = standardWebhookHeaders('evt-1', new Date(), BODY, [secret]);
    expect(headers['webhook-id']).toBe('evt-1');
    expect(headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(BODY, { ...headers })).toEqual(JSON.parse(BODY));
  });

  it('is refused by the reference library when the body, the id or the secret differ, or the timestamp is stale', () => {
    const secret = newWebhookSecret();
    const headers = standardWebhookHeaders('evt-1', new Date(), BODY, [secret]);
    const verify =
      (body: string, h: Record<string, string>, s = secret) =>
      () =>
        new Webhook(s).verify(body, h);
    expect(verify(BODY.replace('a-1', 'a-2'), { ...headers })).toThrow(WebhookVerificationError);
    expect(verify(BODY, { ...headers, 'webhook-id': 'evt-2' })).toThrow(WebhookVerificationError);
    expect(verify(BODY, { ...headers }, newWebhookSecret())).toThrow(WebhookVerificationError);
    const old = standardWebhookHeaders('evt-1', new Date(Date.now() - 6 * 60_000), BODY, [secret]);
    expect(verify(BODY, { ...old })).toThrow(/too old/);
  });

  it('during a rotation carries both signatures, so a receiver with either secret verifies', () => {
    const [next, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = standardWebhookHeaders('evt-1', new Date(), BODY, [next, previous]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(next).verify(BODY, { ...headers })).not.toThrow();
    expect(() => new Webhook(previous).verify(BODY, { ...headers })).not.toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(BODY, { ...headers })).toThrow(WebhookVerificationError);
  });
});
