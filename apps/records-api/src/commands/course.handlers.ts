import { CommandHandler, type ICommandHandler, Command } from '@nestjs/cqrs';
import { courseDecider, streams, type CourseState, type DefineCourse } from '#domain';
import { mustExist } from './access.js';
import type { CommandContext } from './command-context.js';
import { DeciderRunner } from './decider-runner.js';
import { courseIdFor } from './ids.js';

export class DefineCourseCommand extends Command<CourseState> {
  constructor(
    readonly course: Omit<DefineCourse['data'], 'courseId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(DefineCourseCommand)
export class DefineCourseHandler implements ICommandHandler<DefineCourseCommand> {
  constructor(private readonly runner: DeciderRunner) {}

  async execute({ course, context }: DefineCourseCommand): Promise<CourseState> {
    const courseId = courseIdFor(String(course.awardingBody ?? ''), String(course.code ?? ''));
    const command = { type: 'DefineCourse' as const, data: { ...course, courseId } };
    return (await this.runner.run(courseDecider, streams.course(courseId), command, context)).state;
  }
}

export class ScheduleCourseWithdrawalCommand extends Command<CourseState> {
  constructor(
    readonly courseId: string,
    readonly withdrawnFrom: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ScheduleCourseWithdrawalCommand)
export class ScheduleCourseWithdrawalHandler implements ICommandHandler<ScheduleCourseWithdrawalCommand> {
  constructor(private readonly runner: DeciderRunner) {}

  async execute({ courseId, withdrawnFrom, reason, context }: ScheduleCourseWithdrawalCommand): Promise<CourseState> {
    const command = { type: 'ScheduleCourseWithdrawal' as const, data: { courseId, withdrawnFrom, reason } };
    return (await this.runner.run(courseDecider, streams.course(courseId), command, context, mustExist('course'))).state;
  }
}
