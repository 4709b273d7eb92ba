import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  Forbidden,
  mayManage,
  NotFound,
  streams,
  WEBHOOK_SUBSCRIPTION_RULES,
  webhookSubscriptionDecider,
  type WebhookSubscriptionCommand,
  type WebhookSubscriptionEvent,
  type WebhookSubscriptionState,
} from '#domain';
import { newWebhookSecret, sealWebhookSecret, webhookSecretKeyId } from '#integration';
import type { PersonalDataVault } from '#personal-data';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner, type Decided } from '../../commands/decider-runner.js';
import { newIdFor } from '../../commands/ids.js';
import { PERSONAL_DATA_VAULT } from '../../infrastructure/tokens.js';
import { webhookManager } from './webhook-manager.js';

export type WebhookSubscriptionDecided = Decided<WebhookSubscriptionEvent, WebhookSubscriptionState>;

export class CreateWebhookSubscriptionCommand extends Command<WebhookSubscriptionDecided> {
  constructor(
    readonly url: string,
    readonly eventTypes: string[],
    readonly description: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A new endpoint gets a secret of its own (Standard Webhooks: never shared between endpoints), sealed before it is recorded. */
@CommandHandler(CreateWebhookSubscriptionCommand)
export class CreateWebhookSubscriptionHandler implements ICommandHandler<CreateWebhookSubscriptionCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ url, eventTypes, description, context }: CreateWebhookSubscriptionCommand) {
    const subscriptionId = newIdFor(context, 'webhook-subscription');
    const secret = await sealWebhookSecret(this.vault, subscriptionId, newWebhookSecret());
    const command: WebhookSubscriptionCommand = {
      type: 'CreateWebhookSubscription',
      data: { subscriptionId, url, eventTypes, description, secret, createdBy: context.actor },
    };
    return this.runner.run(webhookSubscriptionDecider, streams.webhookSubscription(subscriptionId), command, context);
  }
}

export class RotateWebhookSecretCommand extends Command<WebhookSubscriptionDecided> {
  constructor(
    readonly subscriptionId: string,
    readonly overlapHours: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RotateWebhookSecretCommand)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecretCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ subscriptionId, overlapHours, context }: RotateWebhookSecretCommand) {
    const stream = streams.webhookSubscription(subscriptionId);
    const manager = webhookManager(context);
    // Seal only for a subscription the caller may rotate: a refused rotation leaves no key behind.
    const { state } = await this.runner.load(webhookSubscriptionDecider, stream);
    if (state.status === 'none' || state.status === 'deleted') throw new NotFound('webhook subscription not found');
    if (!mayManage(state, manager)) throw new Forbidden(WEBHOOK_SUBSCRIPTION_RULES.owner);
    const secret = await sealWebhookSecret(this.vault, subscriptionId, newWebhookSecret());
    const command: WebhookSubscriptionCommand = {
      type: 'RotateWebhookSecret',
      data: { secret, overlapHours, ...manager },
    };
    return this.runner.run(webhookSubscriptionDecider, stream, command, context);
  }
}

type Change = 'PauseWebhookSubscription' | 'ResumeWebhookSubscription' | 'DeleteWebhookSubscription';

export class ChangeWebhookSubscriptionCommand extends Command<WebhookSubscriptionDecided> {
  constructor(
    readonly subscriptionId: string,
    readonly change: Change,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Pause, resume, delete. Deleting also destroys the key its secrets were sealed under. */
@CommandHandler(ChangeWebhookSubscriptionCommand)
export class ChangeWebhookSubscriptionHandler implements ICommandHandler<ChangeWebhookSubscriptionCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ subscriptionId, change, context }: ChangeWebhookSubscriptionCommand) {
    const command: WebhookSubscriptionCommand = { type: change, data: webhookManager(context) };
    const decided = await this.runner.run(
      webhookSubscriptionDecider,
      streams.webhookSubscription(subscriptionId),
      command,
      context,
    );
    if (change === 'DeleteWebhookSubscription') await this.vault.shred(webhookSecretKeyId(subscriptionId));
    return decided;
  }
}

export const webhookSubscriptionCommandHandlers = [
  CreateWebhookSubscriptionHandler,
  RotateWebhookSecretHandler,
  ChangeWebhookSubscriptionHandler,
];
