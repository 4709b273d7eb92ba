import { randomUUID } from 'node:crypto';
import {
  signingSecrets,
  streams,
  webhookSubscriptionDecider,
  type Clock,
  type SealedText,
  type WebhookSubscription,
} from '#domain';
import { decideAndAppend, type EventStore } from '#event-store';
import type { PersonalDataVault } from '#personal-data';

/**
 * An endpoint's signing secrets are sealed with the personal-data vault under a key of the
 * subscription's own (`webhook-subscription:<id>`), kept apart from the log like a learner's:
 * events and read models hold only the sealed form, and deleting the subscription destroys the key.
 */
export const webhookSecretKeyId = (subscriptionId: string): string => `webhook-subscription:${subscriptionId}`;

export const sealWebhookSecret = async (
  vault: PersonalDataVault,
  subscriptionId: string,
  secret: string,
): Promise<SealedText> => {
  const [sealed] = (await vault.seal(webhookSecretKeyId(subscriptionId), [secret])) ?? [];
  if (!sealed) throw new Error(`webhook subscription ${subscriptionId} was deleted: its key is destroyed`);
  return sealed;
};

/** The secrets that sign a delivery to the endpoint at `now`, opened (newest first). */
export const openWebhookSecrets =
  (vault: PersonalDataVault) =>
  async (subscription: WebhookSubscription, now: Date): Promise<string[]> => {
    const opener = await vault.opener(webhookSecretKeyId(subscription.subscriptionId));
    return signingSecrets(subscription, now).flatMap((sealed) => opener.text(sealed) ?? []);
  };

/** What the delivery worker does on a 410 Gone: disable the subscription, as the system. */
export const disableWebhookSubscription =
  (store: EventStore, clock: Clock) =>
  async (subscriptionId: string, reason: string): Promise<void> => {
    const correlationId = randomUUID();
    await decideAndAppend(
      store,
      clock,
      webhookSubscriptionDecider,
      streams.webhookSubscription(subscriptionId),
      { type: 'DisableWebhookSubscription', data: { reason } },
      () => ({
        actor: 'webhook-delivery',
        role: 'system',
        correlationId,
        causationId: null,
        occurredAt: clock.now().toISOString(),
      }),
    );
  };
