import { WebhookDeliveries } from '#integration';
import {
  ALL_WEBHOOK_SUBSCRIPTIONS,
  WEBHOOK_SUBSCRIPTIONS,
  type ReadModelStore,
  type WebhookSubscriptionDocument,
} from '#projections';

/** Prometheus lines: dead letters and deliveries waiting for a retry, per endpoint, and its status. */
export const webhookMetrics = async (readModels: ReadModelStore): Promise<string[]> => {
  const deliveries = new WebhookDeliveries(readModels);
  const subscriptions = (
    await readModels.findByRef<WebhookSubscriptionDocument>(WEBHOOK_SUBSCRIPTIONS, ALL_WEBHOOK_SUBSCRIPTIONS)
  ).flatMap((s) => (s.status === 'none' || s.status === 'deleted' ? [] : [s]));
  const rows = await Promise.all(
    subscriptions.map(async (s) => {
      const all = await deliveries.ofSubscription(s.subscriptionId);
      const count = (state: string) => all.filter((d) => d.state === state).length;
      return { id: s.subscriptionId, status: s.status, dead: count('dead'), retrying: count('retrying') };
    }),
  );
  const label = (id: string) => `{subscription="${id}"}`;
  return [
    '# HELP credence_webhook_dead_letters Webhook deliveries given up after their retries (replayable), per endpoint.',
    '# TYPE credence_webhook_dead_letters gauge',
    ...rows.map((r) => `credence_webhook_dead_letters${label(r.id)} ${r.dead}`),
    '# HELP credence_webhook_dead_letters_total Dead letters of every endpoint.',
    '# TYPE credence_webhook_dead_letters_total gauge',
    `credence_webhook_dead_letters_total ${rows.reduce((sum, r) => sum + r.dead, 0)}`,
    '# HELP credence_webhook_retrying Webhook deliveries waiting for their next attempt, per endpoint.',
    '# TYPE credence_webhook_retrying gauge',
    ...rows.map((r) => `credence_webhook_retrying${label(r.id)} ${r.retrying}`),
    '# HELP credence_webhook_endpoint_active 1 while the endpoint receives deliveries, 0 when paused or disabled (410).',
    '# TYPE credence_webhook_endpoint_active gauge',
    ...rows.map((r) => `credence_webhook_endpoint_active${label(r.id)} ${r.status === 'active' ? 1 : 0}`),
  ];
};
