import type { WebhookManager } from '#domain';
import type { CommandContext } from '../../commands/command-context.js';

/** Registry staff manage every webhook endpoint; any other caller (an integration client) only its own. */
export const webhookManager = (caller: CommandContext): WebhookManager => ({
  by: caller.actor,
  onlyOwn: caller.role !== 'registry',
});
