import {
  awardDecider,
  awardFor,
  boardCaseDecider,
  boardDecider,
  caseToOpen,
  courseDecider,
  enrolmentDecider,
  learnerDecider,
  NotFound,
  StateConflict,
  streams,
  type Clock,
  type ConfirmationRefused,
  type MicroBoardOutput,
} from '#domain';
import {
  decideAndAppend,
  loadState,
  loadStateAt,
  type DeciderLike,
  type RecordedEvent,
  type StreamStore,
} from '#event-store';

export interface BoardRunnerLogger {
  warn(message: string): void;
}

type Output<T extends MicroBoardOutput['type']> = Extract<MicroBoardOutput, { type: T }>['data'];

/**
 * Carries out what the micro-board workflow decided, one output at a time, as commands on the
 * streams of `log` (the store, or appends held for one transaction per batch). Each command is
 * idempotent: deterministic ids, and deciders that return nothing when it already took effect.
 */
export class BoardCommands {
  constructor(
    private readonly log: StreamStore,
    private readonly clock: Clock,
    private readonly logger?: BoardRunnerLogger,
  ) {}

  /** Sends one output; a confirmation the enrolment refuses comes back, to be fed to the workflow. */
  async send(output: MicroBoardOutput, cause: RecordedEvent): Promise<ConfirmationRefused | undefined> {
    switch (output.type) {
      case 'ClassifyMark':
        await this.run(cause, enrolmentDecider, streams.enrolment(output.data.enrolmentId), output.data.command);
        return undefined;
      case 'OpenCase':
        await this.openCase(output.data, cause);
        return undefined;
      case 'SupersedeCase':
        await this.supersede(output.data, cause);
        return undefined;
      case 'ConfirmOutcome':
        return this.confirm(output.data, cause);
      case 'IssueAward':
        await this.issueAward(output.data, cause);
        return undefined;
      case 'RevokeAward':
        await this.run(cause, awardDecider, streams.award(output.data.awardId), output.data.command);
        return undefined;
      case 'ReopenOnAppeal':
        await this.run(cause, enrolmentDecider, streams.enrolment(output.data.enrolmentId), output.data.command);
        return undefined;
      case 'NoStandingBoard':
        this.logger?.warn(
          `no standing board covers course ${output.data.courseId}: enrolment ${output.data.enrolmentId} waits unconfirmed`,
        );
        return undefined;
    }
  }

  private run<C, E extends { type: string; data: unknown }, S>(
    cause: RecordedEvent,
    decider: DeciderLike<C, E, S>,
    streamId: string,
    command: C,
  ) {
    return decideAndAppend(this.log, this.clock, decider, streamId, command, () => ({
      actor: 'system:board-runner',
      role: 'system',
      correlationId: cause.metadata.correlationId,
      causationId: cause.id,
      occurredAt: this.clock.now().toISOString(),
    }));
  }

  private async board(boardId: string) {
    const { state } = await loadState(this.log, boardDecider, streams.board(boardId));
    if (state.status === 'none') throw new NotFound(`board ${boardId} not found`);
    return state;
  }

  /** The case shows the enrolment as it stood at the outcome's version, whatever happened since. */
  private async openCase({ enrolmentId, boardId, caseId, atVersion }: Output<'OpenCase'>, cause: RecordedEvent) {
    const board = await this.board(boardId);
    const { state } = await loadStateAt(this.log, enrolmentDecider, streams.enrolment(enrolmentId), atVersion);
    const command = caseToOpen(caseId, state, board.boundaryMargin);
    if (command) await this.run(cause, boardCaseDecider(board), streams.boardCase(boardId, caseId), command);
  }

  private async supersede({ boardId, command }: Output<'SupersedeCase'>, cause: RecordedEvent) {
    const board = await this.board(boardId);
    await this.run(cause, boardCaseDecider(board), streams.boardCase(boardId, command.data.caseId), command);
  }

  /** The enrolment refuses a decision on an outcome it no longer has: that is an answer, not a failure. */
  private async confirm({ enrolmentId, command }: Output<'ConfirmOutcome'>, cause: RecordedEvent) {
    try {
      await this.run(cause, enrolmentDecider, streams.enrolment(enrolmentId), command);
      return undefined;
    } catch (error) {
      if (!(error instanceof StateConflict)) throw error;
      const refused: ConfirmationRefused = {
        type: 'ConfirmationRefused',
        data: { enrolmentId, caseId: command.data.caseId, reason: error.message },
      };
      return refused;
    }
  }

  private async issueAward({ enrolmentId, awardId }: Output<'IssueAward'>, cause: RecordedEvent) {
    const { state: enrolment } = await loadState(this.log, enrolmentDecider, streams.enrolment(enrolmentId));
    if (enrolment.status === 'none') throw new NotFound(`enrolment ${enrolmentId} not found`);
    const [course, learner] = await Promise.all([
      loadState(this.log, courseDecider, streams.course(enrolment.courseId)),
      loadState(this.log, learnerDecider, streams.learner(enrolment.learnerId)),
    ]);
    if (course.state.status === 'none') throw new NotFound(`course ${enrolment.courseId} not found`);
    if (learner.state.status === 'none') throw new NotFound(`learner ${enrolment.learnerId} not found`);
    await this.run(cause, awardDecider, streams.award(awardId), {
      type: 'IssueAward',
      data: awardFor(awardId, enrolment, course.state, learner.state),
    });
  }
}
