import { randomUUID } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DeadLetterReplayResult, TestDeliveryResult } from '#contracts';
import type { Clock, WebhookManager } from '#domain';
import {
  dataSchemaUrl,
  DEFAULT_CLOUD_EVENT_SOURCE,
  openWebhookSecrets,
  postWebhook,
  WEBHOOK_TEST_EVENT_TYPE,
  WebhookDeliveries,
  type CloudEvent,
} from '#integration';
import type { PersonalDataVault } from '#personal-data';
import type { ReadModelStore } from '#projections';
import type { AppConfig } from '#runtime';
import { APP_CONFIG, CLOCK, PERSONAL_DATA_VAULT, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { liveSubscriptions } from './webhook-subscription.queries.js';

/** What operators do to deliveries, as opposed to subscriptions: send a test event, replay dead letters. */
@Injectable()
export class WebhookOperations {
  private readonly deliveries: WebhookDeliveries;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.deliveries = new WebhookDeliveries(readModels);
  }

  /**
   * Sends a signed `credence.webhook.test.v1` to the endpoint now, once, whatever its status and
   * filter, and says what it answered. Nothing is retried or recorded.
   */
  async sendTest(subscriptionId: string, manager: WebhookManager): Promise<TestDeliveryResult> {
    const [subscription] = await liveSubscriptions(this.readModels, manager, subscriptionId);
    const sentAt = this.clock.now();
    const event: CloudEvent = {
      specversion: '1.0',
      id: randomUUID(),
      source: DEFAULT_CLOUD_EVENT_SOURCE,
      type: WEBHOOK_TEST_EVENT_TYPE,
      subject: subscriptionId,
      time: sentAt.toISOString(),
      datacontenttype: 'application/json',
      dataschema: dataSchemaUrl(this.config.publicBaseUrl, WEBHOOK_TEST_EVENT_TYPE),
      data: {
        subscriptionId,
        requestedBy: manager.by,
        message: 'A test event from Credence: the endpoint is reachable and verifies the signature.',
      },
      credenceposition: 0,
    };
    const secrets = await openWebhookSecrets(this.vault)(subscription!, sentAt);
    const outcome = await postWebhook({ url: subscription!.url, event, secrets, attempt: 1, sentAt });
    return {
      eventId: event.id,
      delivered: outcome.ok,
      status: outcome.status ?? null,
      error: outcome.ok ? null : outcome.error,
    };
  }

  /** Puts one dead letter (or every one) of the endpoint back in its queue, due now. */
  async replay(subscriptionId: string, manager: WebhookManager, eventId?: string): Promise<DeadLetterReplayResult> {
    await liveSubscriptions(this.readModels, manager, subscriptionId);
    const replayed = await this.deliveries.replay(
      subscriptionId,
      this.clock.now(),
      eventId === undefined ? undefined : [eventId],
    );
    if (eventId !== undefined && replayed.length === 0)
      throw new NotFoundException(`event ${eventId} is not a dead letter of this subscription`);
    return { replayed: replayed.length };
  }
}
