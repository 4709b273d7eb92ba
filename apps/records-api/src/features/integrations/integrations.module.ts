import { Module } from '@nestjs/common';
import { DeciderRunner } from '../../commands/decider-runner.js';
import { WebhookOperations } from './webhook-operations.js';
import { webhookSubscriptionCommandHandlers } from './webhook-subscription.handlers.js';
import { webhookSubscriptionQueryHandlers } from './webhook-subscription.queries.js';
import { WebhookSubscriptionsController } from './webhook-subscriptions.controller.js';

/** Downstream integrations: webhook subscriptions and their deliveries (the feed joins when issue 23 moves it). */
@Module({
  controllers: [WebhookSubscriptionsController],
  providers: [
    DeciderRunner,
    ...webhookSubscriptionCommandHandlers,
    ...webhookSubscriptionQueryHandlers,
    WebhookOperations,
  ],
})
export class IntegrationsModule {}
