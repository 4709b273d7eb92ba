import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  fold,
  isEmail,
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
    readonly learner: Omit<LearnerDetails, 'learnerId'> & { confirmedNewPerson?: boolean },
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Looks up who already has the email, registers, then lists the learner in the directory. */
@CommandHandler(RegisterLearnerCommand)
export class RegisterLearnerHandler implements ICommandHandler<RegisterLearnerCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ learner, context }: RegisterLearnerCommand): Promise<LearnerState> {
    const learnerId = newIdFor(context, 'learner');
    const email = typeof learner.email === 'string' ? learner.email.trim() : '';
    // A retry under the same Idempotency-Key finds its own first run listed: that is no other person.
    // An email the decider will refuse (400) is looked up nowhere.
    const sameEmailAs = isEmail(email) ? (await this.vault.keys.withEmail(email)).filter((id) => id !== learnerId) : [];
    const command = { type: 'RegisterLearner' as const, data: { ...learner, learnerId }, sameEmailAs };
    const { state } = await this.runner.run(learnerDecider, streams.learner(learnerId), command, context);
    await this.vault.enter({
      learnerId,
      givenName: learner.givenName.trim(),
      familyName: learner.familyName.trim(),
      email,
    });
    return state;
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
