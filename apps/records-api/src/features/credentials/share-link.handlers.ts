import { randomBytes } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { awardDecider, streams, type AwardCommand, type AwardEvent, type AwardState } from '#domain';
import { ownAward } from '../../commands/access.js';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner, type Decided } from '../../commands/decider-runner.js';

export class ShareLinkCommand extends Command<Decided<AwardEvent, AwardState>> {
  constructor(
    readonly awardId: string,
    readonly on: boolean,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The learner turns the name-showing share link of their award on (a fresh random token) or off. */
@CommandHandler(ShareLinkCommand)
export class ShareLinkHandler implements ICommandHandler<ShareLinkCommand> {
  constructor(private readonly runner: DeciderRunner) {}

  execute({ awardId, on, context }: ShareLinkCommand) {
    const command: AwardCommand = on
      ? { type: 'TurnOnShareLink', data: { token: randomBytes(18).toString('base64url') } }
      : { type: 'TurnOffShareLink', data: {} };
    return this.runner.run(awardDecider, streams.award(awardId), command, context, ownAward(context));
  }
}
