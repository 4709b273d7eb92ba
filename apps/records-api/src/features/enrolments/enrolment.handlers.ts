import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  courseDecider,
  coursePlaceDecider,
  enrolmentDecider,
  learnerDecider,
  streams,
  type Clock,
  type EnrolmentCommand,
  type EnrolmentEvent,
  type EnrolmentState,
  type StartEnrolment,
} from '#domain';
import { COLLECTIONS, COVERAGE_DOCUMENT, type ReadModelStore } from '#projections';
import { CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { enrolmentAccess, tutorsAssigned } from '../../commands/access.js';
import { takeCoursePlace } from './course-place.js';
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

/**
 * Decides the enrolment first (refused: nothing appended), then takes the learner's place on the
 * course (one active enrolment each, by the place stream's expected version), then starts it. A
 * process dying between the two appends leaves a place held by an enrolment that never started:
 * it holds nothing, as an enrolment that is not ongoing frees the place.
 */
@CommandHandler(StartEnrolmentCommand)
export class StartEnrolmentHandler implements ICommandHandler<StartEnrolmentCommand> {
  constructor(
    private readonly runner: DeciderRunner,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ learnerId, courseId, startDate, context }: StartEnrolmentCommand): Promise<EnrolmentDecided> {
    const [learner, course, coverage] = await Promise.all([
      this.runner.load(learnerDecider, streams.learner(learnerId)),
      this.runner.load(courseDecider, streams.course(courseId)),
      this.readModels.get<Record<string, string>>(COLLECTIONS.boardCoverage, COVERAGE_DOCUMENT),
    ]);
    const enrolmentId = newIdFor(context, 'enrolment');
    const command: StartEnrolment = {
      type: 'StartEnrolment',
      data: { enrolmentId, learnerId, courseId, startDate },
      learner: learner.state,
      course: course.state,
      coveringBoardId: coverage?.[courseId] ?? null,
    };
    enrolmentDecider.decide(command, enrolmentDecider.initialState, this.clock);
    await this.takePlace(command.data, context);
    return this.runner.run(enrolmentDecider, streams.enrolment(enrolmentId), command, context);
  }

  private async takePlace({ learnerId, courseId, enrolmentId }: StartEnrolment['data'], context: CommandContext) {
    const command = await takeCoursePlace({ learnerId, courseId, enrolmentId }, async (decider, streamId) => {
      return (await this.runner.load(decider, streamId)).state;
    });
    await this.runner.run(coursePlaceDecider, streams.coursePlace(learnerId, courseId), command, context);
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
