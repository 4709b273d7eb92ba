import { CommandHandler, type ICommandHandler, Command } from '@nestjs/cqrs';
import { courseDecider, streams, type CourseCommand, type CourseState, type DefineCourse } from '#domain';
import { mustExist } from '../../commands/access.js';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner } from '../../commands/decider-runner.js';
import { courseIdFor } from '../../commands/ids.js';

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

/** Every course command but the definition acts on an existing course (404 otherwise). */
export class ChangeCourseCommand extends Command<CourseState> {
  constructor(
    readonly courseId: string,
    readonly command: Exclude<CourseCommand, { type: 'DefineCourse' }>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeCourseCommand)
export class ChangeCourseHandler implements ICommandHandler<ChangeCourseCommand> {
  constructor(private readonly runner: DeciderRunner) {}

  async execute({ courseId, command, context }: ChangeCourseCommand): Promise<CourseState> {
    return (await this.runner.run(courseDecider, streams.course(courseId), command, context, mustExist('course')))
      .state;
  }
}
