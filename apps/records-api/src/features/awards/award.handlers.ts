import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { awardDecider, streams, type AwardEvent, type AwardState } from '#domain';
import { mustExist } from '../../commands/access.js';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner, type Decided } from '../../commands/decider-runner.js';

export class RevokeAwardCommand extends Command<Decided<AwardEvent, AwardState>> {
  constructor(
    readonly awardId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RevokeAwardCommand)
export class RevokeAwardHandler implements ICommandHandler<RevokeAwardCommand> {
  constructor(private readonly runner: DeciderRunner) {}

  execute({ awardId, reason, context }: RevokeAwardCommand) {
    const command = { type: 'RevokeAward' as const, data: { reason, revokedBy: context.actor } };
    return this.runner.run(awardDecider, streams.award(awardId), command, context, mustExist('award'));
  }
}
