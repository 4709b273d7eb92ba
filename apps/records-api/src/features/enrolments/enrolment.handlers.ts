import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  courseDecider,
  enrolmentDecider,
  learnerDecider,
  streams,
  type EnrolmentCommand,
  type EnrolmentEvent,
  type EnrolmentState,
} from '#domain';
import { enrolmentAccess, tutorsAssigned } from '../../commands/access.js';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner, type Decided } from '../../commands/decider-runner.js';
import { newIdFor } from '../../commands/ids.js';

export type EnrolmentDecided = Decided<EnrolmentEvent, EnrolmentState>;

export class StartEnrolmentCommand extends Command<EnrolmentDecided> {
  constructor(
    readonly learnerId: string,
    readonly courseId: string,
    readonly startDate: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(StartEnrolmentCommand)
export class StartEnrolmentHandler implements ICommandHandler<StartEnrolmentCommand> {
  constructor(private readonly runner: DeciderRunner) {}

  async execute({ learnerId, courseId, startDate, context }: StartEnrolmentCommand): Promise<EnrolmentDecided> {
    const [learner, course] = await Promise.all([
      this.runner.load(learnerDecider, streams.learner(learnerId)),
      this.runner.load(courseDecider, streams.course(courseId)),
    ]);
    const enrolmentId = newIdFor(context, 'enrolment');
    const command: EnrolmentCommand = {
      type: 'StartEnrolment',
      data: { enrolmentId, learnerId, courseId, startDate },
      learner: learner.state,
      course: course.state,
    };
    return this.runner.run(enrolmentDecider, streams.enrolment(enrolmentId), command, context);
  }
}

/** Every other enrolment command acts on an existing enrolment the caller may touch. */
export class ChangeEnrolmentCommand extends Command<EnrolmentDecided> {
  constructor(
    readonly enrolmentId: string,
    readonly command: Exclude<EnrolmentCommand, { type: 'StartEnrolment' }>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeEnrolmentCommand)
export class ChangeEnrolmentHandler implements ICommandHandler<ChangeEnrolmentCommand> {
  constructor(private readonly runner: DeciderRunner) {}

  execute({ enrolmentId, command, context }: ChangeEnrolmentCommand): Promise<EnrolmentDecided> {
    return this.runner.run(
      enrolmentDecider,
      streams.enrolment(enrolmentId),
      command,
      context,
      enrolmentAccess(context, tutorsAssigned(this.runner)),
    );
  }
}
