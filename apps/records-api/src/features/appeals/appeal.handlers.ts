import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import {
  appealDecider,
  boardDecider,
  enrolmentDecider,
  streams,
  type AppealCommand,
  type AppealEvent,
  type AppealState,
  type AppealGround,
  type DecideAppeal,
} from '#domain';
import type { AppConfig } from '#runtime';
import { mustExist } from '../../commands/access.js';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner, type Decided } from '../../commands/decider-runner.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';
import { appealedDecisionOf, appealIdFor } from './appealed-decision.js';

type DecidedAppeal = Decided<AppealEvent, AppealState>;

export class LodgeAppealCommand extends Command<DecidedAppeal> {
  constructor(
    readonly enrolmentId: string,
    readonly body: { grounds: AppealGround[]; statement: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The learner appeals the board's confirmed decision on their own enrolment, within the registry's window. */
@CommandHandler(LodgeAppealCommand)
export class LodgeAppealHandler implements ICommandHandler<LodgeAppealCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ enrolmentId, body, context }: LodgeAppealCommand) {
    const { state } = await this.runner.load(enrolmentDecider, streams.enrolment(enrolmentId));
    mustExist('enrolment')(state);
    const decision = appealedDecisionOf(state);
    const appealId = appealIdFor(enrolmentId, decision?.caseId ?? 'none');
    const command: AppealCommand = {
      type: 'LodgeAppeal',
      data: { appealId, ...body },
      lodgedBy: context.actor,
      decision,
      windowDays: this.config.appealWindowDays,
    };
    return this.runner.run(appealDecider, streams.appeal(appealId), command, context);
  }
}

/** A registry step on an appeal: acknowledge, start the review, or decide it. */
export class ChangeAppealCommand extends Command<DecidedAppeal> {
  constructor(
    readonly appealId: string,
    readonly change: 'acknowledge' | 'review' | DecideAppeal['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeAppealCommand)
export class ChangeAppealHandler implements ICommandHandler<ChangeAppealCommand> {
  constructor(private readonly runner: DeciderRunner) {}

  async execute({ appealId, change, context }: ChangeAppealCommand) {
    const stream = streams.appeal(appealId);
    const { state } = await this.runner.load(appealDecider, stream);
    mustExist('appeal')(state);
    const command = await this.commandFor(state, change, context.actor);
    return this.runner.run(appealDecider, stream, command, context, mustExist('appeal'));
  }

  /** The review needs the deciding board's members, read from its stream. */
  private async commandFor(
    state: AppealState,
    change: ChangeAppealCommand['change'],
    actor: string,
  ): Promise<AppealCommand> {
    if (change === 'acknowledge') return { type: 'AcknowledgeAppeal', data: { acknowledgedBy: actor } };
    if (change !== 'review') return { type: 'DecideAppeal', data: change, decidedBy: actor };
    const boardId = state.status === 'none' ? '' : state.decision.boardId;
    const { state: board } = await this.runner.load(boardDecider, streams.board(boardId));
    const boardMemberIds = board.status === 'none' ? [] : board.members.map((m) => m.memberId);
    return { type: 'StartAppealReview', data: { reviewerId: actor }, boardMemberIds };
  }
}
