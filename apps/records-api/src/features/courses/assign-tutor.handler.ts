import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { courseDecider, streams, type AssignTutor, type CourseState, type EnrolmentState } from '#domain';
import { COLLECTIONS, type ReadModelStore } from '#projections';
import { mustExist } from '../../commands/access.js';
import type { CommandContext } from '../../commands/command-context.js';
import { DeciderRunner } from '../../commands/decider-runner.js';
import { READ_MODEL_STORE } from '../../infrastructure/tokens.js';

/** Enrolments still being assessed: their learner must not become a marker of the course. */
const OPEN: readonly EnrolmentState['status'][] = ['active', 'suspended', 'assessed'];

/** Assigns a tutor to a course, after checking the tutor id is not a learner enrolled on it. */
export class AssignTutorCommand extends Command<CourseState> {
  constructor(
    readonly assignment: AssignTutor['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AssignTutorCommand)
export class AssignTutorHandler implements ICommandHandler<AssignTutorCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
  ) {}

  async execute({ assignment, context }: AssignTutorCommand): Promise<CourseState> {
    const enrolments = await this.readModels.findByRef<EnrolmentState>(COLLECTIONS.enrolments, assignment.tutorId);
    const command: AssignTutor = {
      type: 'AssignTutor',
      data: assignment,
      tutorIsEnrolledLearner: enrolments.some(
        (e) => e.status !== 'none' && e.courseId === assignment.courseId && OPEN.includes(e.status),
      ),
    };
    const stream = streams.course(assignment.courseId);
    return (await this.runner.run(courseDecider, stream, command, context, mustExist('course'))).state;
  }
}
