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
  type RegisterLearner,
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

/**
 * Decides first (a refused registration claims nothing), then lists the learner and claims the
 * email in the personal-data store in one transaction (of two racing with one email, one wins),
 * then registers: refused 409 with the existing id when the claim was. A registration that fails
 * after its claim gives the claim back; a crash between the two leaves it, and a retry under the
 * same Idempotency-Key (the same learner id) takes it up again.
 */
@CommandHandler(RegisterLearnerCommand)
export class RegisterLearnerHandler implements ICommandHandler<RegisterLearnerCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ learner, context }: RegisterLearnerCommand): Promise<LearnerState> {
    const learnerId = newIdFor(context, 'learner');
    const command: RegisterLearner = { type: 'RegisterLearner', data: { ...learner, learnerId } };
    learnerDecider.decide(command, learnerDecider.initialState, this.clock);
    const { givenName, familyName, email, confirmedNewPerson } = learner;
    const entry = { learnerId, givenName: givenName.trim(), familyName: familyName.trim(), email: email.trim() };
    const sameEmailAs = await this.vault.claim(entry, confirmedNewPerson === true);
    const stream = streams.learner(learnerId);
    try {
      return (await this.runner.run(learnerDecider, stream, { ...command, sameEmailAs }, context)).state;
    } catch (error) {
      if (sameEmailAs.length === 0 && (await this.runner.load(learnerDecider, stream)).state.status === 'none')
        await this.vault.unlist(learnerId);
      throw error;
    }
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
