import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  ALL_WEBHOOK_SUBSCRIPTIONS,
  WEBHOOK_SUBSCRIPTIONS,
  type ReadModelStore,
  type WebhookSubscriptionDocument,
} from '#projections';
import type { DeadLetterView, WebhookSecretView, WebhookSubscriptionView } from '#contracts';
import { webhookSecretKeyId, WebhookDeliveries, type WebhookDelivery } from '#integration';
import type { PersonalDataVault } from '#personal-data';
import {
  Forbidden,
  mayManage,
  WEBHOOK_SUBSCRIPTION_RULES,
  type Clock,
  type WebhookManager,
  type WebhookSubscription,
} from '#domain';
import { CLOCK, PERSONAL_DATA_VAULT, READ_MODEL_STORE } from '../../infrastructure/tokens.js';

type Live = WebhookSubscription & { since: number };
const isLive = (doc: WebhookSubscriptionDocument | undefined): doc is Live =>
  doc !== undefined && doc.status !== 'none' && doc.status !== 'deleted';

export const webhookSubscriptionView = (
  subscription: WebhookSubscription,
  deadLetters: number,
): WebhookSubscriptionView => ({
  id: subscription.subscriptionId,
  url: subscription.url,
  eventTypes: subscription.eventTypes,
  description: subscription.description,
  status: subscription.status,
  disabledReason: subscription.disabledReason,
  createdAt: subscription.createdAt,
  previousSecretValidUntil: subscription.previousSecret?.validUntil ?? null,
  deadLetters,
});

const deadLetterView = (delivery: WebhookDelivery): DeadLetterView => ({
  subscriptionId: delivery.subscriptionId,
  eventId: delivery.event.id,
  type: delivery.event.type,
  subject: delivery.event.subject,
  attempts: delivery.attempts,
  lastError: delivery.lastError,
  failedAt: delivery.updatedAt,
});

export class ListWebhookSubscriptionsQuery extends Query<WebhookSubscriptionView[]> {
  constructor(readonly manager: WebhookManager) {
    super();
  }
}
export class GetWebhookSubscriptionQuery extends Query<WebhookSubscriptionView> {
  constructor(
    readonly subscriptionId: string,
    readonly manager: WebhookManager,
  ) {
    super();
  }
}
export class GetWebhookSecretQuery extends Query<WebhookSecretView> {
  constructor(
    readonly subscriptionId: string,
    readonly manager: WebhookManager,
  ) {
    super();
  }
}
export class ListWebhookDeadLettersQuery extends Query<DeadLetterView[]> {
  constructor(readonly manager: WebhookManager) {
    super();
  }
}

/**
 * The subscriptions that exist (not deleted) and the manager may see, oldest first.
 * `subscriptionId` narrows to one: 404 if unknown, 403 if another client's.
 */
export const liveSubscriptions = async (
  readModels: ReadModelStore,
  manager: WebhookManager,
  subscriptionId?: string,
): Promise<Live[]> => {
  if (subscriptionId !== undefined) {
    const doc = await readModels.get<WebhookSubscriptionDocument>(WEBHOOK_SUBSCRIPTIONS, subscriptionId);
    if (!isLive(doc)) throw new NotFoundException('webhook subscription not found');
    if (!mayManage(doc, manager)) throw new Forbidden(WEBHOOK_SUBSCRIPTION_RULES.owner);
    return [doc];
  }
  const all = await readModels.findByRef<WebhookSubscriptionDocument>(WEBHOOK_SUBSCRIPTIONS, ALL_WEBHOOK_SUBSCRIPTIONS);
  return all
    .filter(isLive)
    .filter((s) => mayManage(s, manager))
    .sort((a, b) => a.since - b.since);
};

@QueryHandler(ListWebhookSubscriptionsQuery)
export class ListWebhookSubscriptionsHandler implements IQueryHandler<ListWebhookSubscriptionsQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async execute({ manager }: ListWebhookSubscriptionsQuery): Promise<WebhookSubscriptionView[]> {
    const deliveries = new WebhookDeliveries(this.readModels);
    const subscriptions = await liveSubscriptions(this.readModels, manager);
    return Promise.all(
      subscriptions.map(async (s) =>
        webhookSubscriptionView(s, (await deliveries.ofSubscription(s.subscriptionId, 'dead')).length),
      ),
    );
  }
}

@QueryHandler(GetWebhookSubscriptionQuery)
export class GetWebhookSubscriptionHandler implements IQueryHandler<GetWebhookSubscriptionQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async execute({ subscriptionId, manager }: GetWebhookSubscriptionQuery): Promise<WebhookSubscriptionView> {
    const [subscription] = await liveSubscriptions(this.readModels, manager, subscriptionId);
    const dead = await new WebhookDeliveries(this.readModels).ofSubscription(subscriptionId, 'dead');
    return webhookSubscriptionView(subscription!, dead.length);
  }
}

/** Reveals the endpoint's secrets to configure the receiver (Standard Webhooks `whsec_`). */
@QueryHandler(GetWebhookSecretQuery)
export class GetWebhookSecretHandler implements IQueryHandler<GetWebhookSecretQuery> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ subscriptionId, manager }: GetWebhookSecretQuery): Promise<WebhookSecretView> {
    const [subscription] = await liveSubscriptions(this.readModels, manager, subscriptionId);
    const opener = await this.vault.opener(webhookSecretKeyId(subscriptionId));
    const previous = subscription!.previousSecret;
    const previousValid = previous !== null && new Date(previous.validUntil).getTime() > this.clock.now().getTime();
    return {
      secret: opener.show(subscription!.secret),
      previousSecret: previousValid ? opener.show(previous.secret) : null,
      previousSecretValidUntil: previousValid ? previous.validUntil : null,
    };
  }
}

@QueryHandler(ListWebhookDeadLettersQuery)
export class ListWebhookDeadLettersHandler implements IQueryHandler<ListWebhookDeadLettersQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  async execute({ manager }: ListWebhookDeadLettersQuery): Promise<DeadLetterView[]> {
    const deliveries = new WebhookDeliveries(this.readModels);
    const subscriptions = await liveSubscriptions(this.readModels, manager);
    const dead = await Promise.all(subscriptions.map((s) => deliveries.ofSubscription(s.subscriptionId, 'dead')));
    return dead
      .flat()
      .map(deadLetterView)
      .sort((a, b) => b.failedAt.localeCompare(a.failedAt));
  }
}

export const webhookSubscriptionQueryHandlers = [
  ListWebhookSubscriptionsHandler,
  GetWebhookSubscriptionHandler,
  GetWebhookSecretHandler,
  ListWebhookDeadLettersHandler,
];
