import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { enrolmentDecider, streams, type ModerateMark } from '#domain';
import type { ReadModelStore } from '#projections';
import { mustExist } from '../../commands/access.js';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner } from '../../commands/decider-runner.js';
import type { EnrolmentDecided } from './enrolment.handlers.js';
import { READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { boardCovering, standingBoards } from '../boards/standing-boards.js';

/** A moderation, with the board that covers the enrolment's course: the decider checks the moderator sits on it. */
export class ModerateMarkCommand extends Command<EnrolmentDecided> {
  constructor(
    readonly enrolmentId: string,
    readonly moderation: Omit<ModerateMark['data'], 'moderatorId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ModerateMarkCommand)
export class ModerateMarkHandler implements ICommandHandler<ModerateMarkCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async execute({ enrolmentId, moderation, context }: ModerateMarkCommand): Promise<EnrolmentDecided> {
    const stream = streams.enrolment(enrolmentId);
    const [{ state }, boards] = await Promise.all([
      this.runner.load(enrolmentDecider, stream),
      standingBoards(this.readModels),
    ]);
    const command: ModerateMark = {
      type: 'ModerateMark',
      data: { ...moderation, moderatorId: context.actor },
      board: state.status === 'none' ? null : boardCovering(boards, state.courseId),
      moderatorRole: context.role === 'examiner' ? 'examiner' : 'board',
    };
    return this.runner.run(enrolmentDecider, stream, command, context, mustExist('enrolment'));
  }
}
