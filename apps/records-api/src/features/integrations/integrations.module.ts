import { Module } from '@nestjs/common';
import { AsyncApiController } from './asyncapi.controller.js';
import { EventSchemasController } from './event-schemas.controller.js';
import { FeedController } from './feed.controller.js';
import { WebhookOperations } from './webhook-operations.js';
import { webhookSubscriptionCommandHandlers } from './webhook-subscription.handlers.js';
import { webhookSubscriptionQueryHandlers } from './webhook-subscription.queries.js';
import { WebhookSubscriptionsController } from './webhook-subscriptions.controller.js';

/** What other systems consume: the event feed, and Standard Webhooks endpoints with their deliveries. */
@Module({
  controllers: [FeedController, WebhookSubscriptionsController, EventSchemasController, AsyncApiController],
  providers: [...webhookSubscriptionCommandHandlers, ...webhookSubscriptionQueryHandlers, WebhookOperations],
})
export class IntegrationsModule {}
