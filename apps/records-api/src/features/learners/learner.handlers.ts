import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  fold,
  learnerDecider,
  streams,
  type Clock,
  type EraseLearner,
  type LearnerDetails,
  type LearnerEvent,
  type LearnerState,
} from '#domain';
import type { EventStore } from '#event-store';
import type { PersonalDataVault } from '#personal-data';
import { CLOCK, EVENT_STORE, PERSONAL_DATA_VAULT } from '../../infrastructure/tokens.js';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner, type Decided } from '../../commands/decider-runner.js';
import { newIdFor } from '../../commands/ids.js';

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

export class EraseLearnerCommand extends Command<Decided<LearnerEvent, LearnerState>> {
  constructor(
    readonly learnerId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Erasure destroys the learner's key first, then records `LearnerErased`. The command is decided
 * once beforehand so that a refused erasure (unknown, already erased, no reason) touches no key;
 * if recording fails after the key is gone, a retry finds the key already destroyed and records it.
 * A retry of a recorded erasure with the same Idempotency-Key is answered as the first was.
 */
@CommandHandler(EraseLearnerCommand)
export class EraseLearnerHandler implements ICommandHandler<EraseLearnerCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ learnerId, reason, context }: EraseLearnerCommand): Promise<Decided<LearnerEvent, LearnerState>> {
    const stream = streams.learner(learnerId);
    const command: EraseLearner = { type: 'EraseLearner', data: { learnerId, reason, erasedBy: context.actor } };
    const recorded = await this.store.read(stream);
    const retry =
      context.idempotencyKey !== undefined &&
      recorded.some((e) => e.metadata.idempotencyKey === context.idempotencyKey);
    if (!retry) {
      learnerDecider.decide(command, fold(learnerDecider, recorded as unknown as LearnerEvent[]), this.clock);
      await this.vault.shred(learnerId);
    }
    return this.runner.run(learnerDecider, stream, command, context);
  }
}
