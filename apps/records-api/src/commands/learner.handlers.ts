import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { learnerDecider, streams, type LearnerDetails, type LearnerState } from '#domain';
import type { CommandContext } from './command-context.js';
import { DeciderRunner } from './decider-runner.js';
import { newIdFor } from './ids.js';

export class RegisterLearnerCommand extends Command<LearnerState> {
  constructor(
    readonly learner: Omit<LearnerDetails, 'learnerId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterLearnerCommand)
export class RegisterLearnerHandler implements ICommandHandler<RegisterLearnerCommand> {
  constructor(private readonly runner: DeciderRunner) {}

  async execute({ learner, context }: RegisterLearnerCommand): Promise<LearnerState> {
    const learnerId = newIdFor(context, 'learner');
    const command = { type: 'RegisterLearner' as const, data: { ...learner, learnerId } };
    return (await this.runner.run(learnerDecider, streams.learner(learnerId), command, context)).state;
  }
}
