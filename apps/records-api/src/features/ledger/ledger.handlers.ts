import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  awardDecider,
  awardSyncCommands,
  courseDecider,
  ledgerDecider,
  learnerDecider,
  NotFound,
  pathwayDecider,
  streams,
  type CourseState,
  type DecidePriorLearning,
  type DefinePathway,
  type IssuedAward,
  type IssuedAwardFacts,
  type LedgerEvent,
  type LedgerState,
  type PathwayState,
  type RecordAccessRpl,
} from '#domain';
import { COLLECTIONS, type ReadModelStore } from '#projections';
import { READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner, type Decided } from '../../commands/decider-runner.js';
import { newIdFor } from '../../commands/ids.js';

export type LedgerDecided = Decided<LedgerEvent, LedgerState>;

export class DefinePathwayCommand extends Command<PathwayState> {
  constructor(
    readonly pathway: Omit<DefinePathway['data'], 'pathwayId' | 'definedBy'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(DefinePathwayCommand)
export class DefinePathwayHandler implements ICommandHandler<DefinePathwayCommand> {
  constructor(private readonly runner: DeciderRunner) {}

  async execute({ pathway, context }: DefinePathwayCommand): Promise<PathwayState> {
    const ids = [
      ...new Set([
        ...(pathway.allowedCourseIds ?? []),
        ...(pathway.capstoneCourseId ? [pathway.capstoneCourseId] : []),
      ]),
    ];
    const courses: Record<string, CourseState> = {};
    for (const id of ids) courses[id] = (await this.runner.load(courseDecider, streams.course(id))).state;
    const pathwayId = newIdFor(context, 'pathway');
    const command: DefinePathway = {
      type: 'DefinePathway',
      data: { ...pathway, pathwayId, definedBy: context.actor },
      courses,
    };
    return (await this.runner.run(pathwayDecider, streams.pathway(pathwayId), command, context)).state;
  }
}

const mustBeRegistered = async (runner: DeciderRunner, learnerId: string): Promise<void> => {
  if ((await runner.load(learnerDecider, streams.learner(learnerId))).state.status === 'none')
    throw new NotFound(`learner ${learnerId} not found`);
};

export class DecidePriorLearningCommand extends Command<LedgerDecided> {
  constructor(
    readonly learnerId: string,
    readonly claim: Omit<DecidePriorLearning['data'], 'creditId' | 'learnerId' | 'decidedBy'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(DecidePriorLearningCommand)
export class DecidePriorLearningHandler implements ICommandHandler<DecidePriorLearningCommand> {
  constructor(private readonly runner: DeciderRunner) {}

  async execute({ learnerId, claim, context }: DecidePriorLearningCommand): Promise<LedgerDecided> {
    await mustBeRegistered(this.runner, learnerId);
    const data = { ...claim, creditId: newIdFor(context, 'credit'), learnerId, decidedBy: context.actor };
    return this.runner.run(ledgerDecider, streams.ledger(learnerId), { type: 'DecidePriorLearning', data }, context);
  }
}

export class RecordAccessRplCommand extends Command<LedgerDecided> {
  constructor(
    readonly learnerId: string,
    readonly decision: Omit<RecordAccessRpl['data'], 'learnerId' | 'decidedBy'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordAccessRplCommand)
export class RecordAccessRplHandler implements ICommandHandler<RecordAccessRplCommand> {
  constructor(private readonly runner: DeciderRunner) {}

  async execute({ learnerId, decision, context }: RecordAccessRplCommand): Promise<LedgerDecided> {
    await mustBeRegistered(this.runner, learnerId);
    const course = (await this.runner.load(courseDecider, streams.course(decision.courseId))).state;
    const command: RecordAccessRpl = {
      type: 'RecordAccessRpl',
      data: { ...decision, learnerId, decidedBy: context.actor },
      course,
    };
    return this.runner.run(ledgerDecider, streams.ledger(learnerId), command, context);
  }
}

export const awardFacts = (award: IssuedAward): IssuedAwardFacts => ({
  awardId: award.awardId,
  learnerId: award.learnerId,
  courseId: award.courseId,
  title: award.title,
  awardingBody: award.awardingBody,
  credits: award.credits,
  level: award.level,
  issuedOn: award.issuedOn,
  revoked: award.revoked !== null,
});

export class ConferPathwayCommand extends Command<LedgerDecided> {
  constructor(
    readonly learnerId: string,
    readonly pathwayId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Awards are issued on their own streams by the board runner, so conferment first records any the
 * ledger has not seen (idempotent), then decides on the ledger stream alone. The double-counting
 * guarantee is that last append's expected version, never the read model the award ids come from.
 */
@CommandHandler(ConferPathwayCommand)
export class ConferPathwayHandler implements ICommandHandler<ConferPathwayCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async execute({ learnerId, pathwayId, context }: ConferPathwayCommand): Promise<LedgerDecided> {
    await mustBeRegistered(this.runner, learnerId);
    const pathway = (await this.runner.load(pathwayDecider, streams.pathway(pathwayId))).state;
    if (pathway.status === 'none') throw new NotFound(`pathway ${pathwayId} not found`);
    await this.recordAwards(learnerId, context);
    const command = { type: 'ConferPathway' as const, data: { learnerId, conferredBy: context.actor }, pathway };
    return this.runner.run(ledgerDecider, streams.ledger(learnerId), command, context);
  }

  /** Award ids come from the read model; each award's state (revoked or not) from its own stream. */
  private async recordAwards(learnerId: string, context: CommandContext): Promise<void> {
    const listed = await this.readModels.findByRef<IssuedAward>(COLLECTIONS.awards, learnerId);
    const awards: IssuedAwardFacts[] = [];
    for (const { awardId } of listed) {
      const { state } = await this.runner.load(awardDecider, streams.award(awardId));
      if (state.status === 'issued') awards.push(awardFacts(state));
    }
    const ledger = (await this.runner.load(ledgerDecider, streams.ledger(learnerId))).state;
    for (const command of awardSyncCommands(ledger, awards))
      await this.runner.run(ledgerDecider, streams.ledger(learnerId), command, context);
  }
}

export const ledgerCommandHandlers = [
  DefinePathwayHandler,
  DecidePriorLearningHandler,
  RecordAccessRplHandler,
  ConferPathwayHandler,
];
