import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  DeadLetterReplayResult,
  DeadLetterView,
  TestDeliveryResult,
  WebhookSecretView,
  WebhookSubscriptionView,
} from '#contracts';
import { WEBHOOK_SUBSCRIPTION_LIMITS, type WebhookSubscription } from '#domain';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';
import {
  CreateWebhookSubscriptionDto,
  DeadLetterReplayDto,
  RotateWebhookSecretDto,
} from './webhook-subscription.dto.js';
import {
  ChangeWebhookSubscriptionCommand,
  CreateWebhookSubscriptionCommand,
  RotateWebhookSecretCommand,
  type WebhookSubscriptionDecided,
} from './webhook-subscription.handlers.js';
import {
  GetWebhookSecretQuery,
  GetWebhookSubscriptionQuery,
  ListWebhookDeadLettersQuery,
  ListWebhookSubscriptionsQuery,
  webhookSubscriptionView,
} from './webhook-subscription.queries.js';
import { webhookManager } from './webhook-manager.js';
import { WebhookOperations } from './webhook-operations.js';

const MANAGERS = ['registry', 'integration'] as const;

/** Standard Webhooks endpoints: registry staff manage every one, an integration client those it created. */
@ApiTags('integration')
@ApiBearerAuth()
@Controller('v1/webhooks')
export class WebhookSubscriptionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly operations: WebhookOperations,
  ) {}

  private async view({ state }: WebhookSubscriptionDecided, caller: CommandContext): Promise<WebhookSubscriptionView> {
    const subscription = state as WebhookSubscription;
    return this.queries
      .execute(new GetWebhookSubscriptionQuery(subscription.subscriptionId, webhookManager(caller)))
      .catch(() => webhookSubscriptionView(subscription, 0));
  }

  @Post('subscriptions')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Add an endpoint; it gets a whsec_ secret of its own (GET …/secret shows it)' })
  async create(@Body() body: CreateWebhookSubscriptionDto, @Caller() caller: CommandContext) {
    const command = new CreateWebhookSubscriptionCommand(
      body.url,
      body.eventTypes ?? [],
      body.description ?? '',
      caller,
    );
    return this.view(await this.commands.execute(command), caller);
  }

  @Get('subscriptions')
  @Roles(...MANAGERS)
  list(@Caller() caller: CommandContext): Promise<WebhookSubscriptionView[]> {
    return this.queries.execute(new ListWebhookSubscriptionsQuery(webhookManager(caller)));
  }

  @Get('subscriptions/:id')
  @Roles(...MANAGERS)
  get(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<WebhookSubscriptionView> {
    return this.queries.execute(new GetWebhookSubscriptionQuery(id, webhookManager(caller)));
  }

  @Get('subscriptions/:id/secret')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: "The endpoint's signing secret (and the previous one while a rotation overlaps)" })
  secret(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<WebhookSecretView> {
    return this.queries.execute(new GetWebhookSecretQuery(id, webhookManager(caller)));
  }

  @Post('subscriptions/:id/pause')
  @HttpCode(200)
  @Roles(...MANAGERS)
  async pause(@UuidParam() id: string, @Caller() caller: CommandContext) {
    return this.view(
      await this.commands.execute(new ChangeWebhookSubscriptionCommand(id, 'PauseWebhookSubscription', caller)),
      caller,
    );
  }

  @Post('subscriptions/:id/resumption')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Resume a paused or disabled (410) endpoint: it carries on from its checkpoint' })
  async resume(@UuidParam() id: string, @Caller() caller: CommandContext) {
    return this.view(
      await this.commands.execute(new ChangeWebhookSubscriptionCommand(id, 'ResumeWebhookSubscription', caller)),
      caller,
    );
  }

  @Delete('subscriptions/:id')
  @HttpCode(204)
  @Roles(...MANAGERS)
  async delete(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<void> {
    await this.commands.execute(new ChangeWebhookSubscriptionCommand(id, 'DeleteWebhookSubscription', caller));
  }

  @Post('subscriptions/:id/secret-rotation')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'A new secret; the previous one keeps signing for overlapHours (both signatures are sent)' })
  async rotate(@UuidParam() id: string, @Body() body: RotateWebhookSecretDto, @Caller() caller: CommandContext) {
    const overlap = body.overlapHours ?? WEBHOOK_SUBSCRIPTION_LIMITS.defaultOverlapHours;
    return this.view(await this.commands.execute(new RotateWebhookSecretCommand(id, overlap, caller)), caller);
  }

  @Post('subscriptions/:id/test-events')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Send a signed credence.webhook.test.v1 now and report what the endpoint answered' })
  test(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<TestDeliveryResult> {
    return this.operations.sendTest(id, webhookManager(caller));
  }

  @Get('dead-letters')
  @Roles(...MANAGERS)
  deadLetters(@Caller() caller: CommandContext): Promise<DeadLetterView[]> {
    return this.queries.execute(new ListWebhookDeadLettersQuery(webhookManager(caller)));
  }

  @Post('subscriptions/:id/dead-letter-replays')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Send one dead letter (eventId) or every dead letter of the endpoint again' })
  replay(
    @UuidParam() id: string,
    @Body() body: DeadLetterReplayDto,
    @Caller() caller: CommandContext,
  ): Promise<DeadLetterReplayResult> {
    return this.operations.replay(id, webhookManager(caller), body.eventId);
  }
}
