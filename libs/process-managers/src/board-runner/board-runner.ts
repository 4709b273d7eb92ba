import {
  awardDecider,
  awardFor,
  boardCaseDecider,
  boardDecider,
  caseToOpen,
  courseDecider,
  enrolmentDecider,
  isMicroBoardEvent,
  learnerDecider,
  microBoardWorkflow,
  MICRO_BOARD_EVENT_TYPES,
  NotFound,
  StateConflict,
  streams,
  type Clock,
  type ConfirmationRefused,
  type MicroBoardInput,
  type MicroBoardOutput,
  type MicroBoardState,
  type MicroBoardWorkflow,
  type SamplingPolicy,
} from '#domain';
import {
  decideAndAppend,
  loadState,
  loadStateAt,
  nameBasedId,
  type CheckpointedConsumer,
  type DeciderLike,
  type EventStore,
  type RecordedEvent,
} from '#event-store';
import type { ReadModelStore } from '#projections';
import { boardRunnerCheckpoint, inPartition, WHOLE_BOARD, type BoardPartition } from './board-partition.js';
import {
  loadMicroBoardState,
  microBoardCollections,
  microBoardWrites,
  type MicroBoardCollections,
} from './micro-board-documents.js';

/** The enrolment's `number`th case: numbered by the micro-board, so a replayed reaction opens the same case. */
export const caseIdFor = (enrolmentId: string, number: number): string =>
  nameBasedId('credence:case', enrolmentId, String(number));
/** The enrolment's `number`th award: the first keeps the id it always had; a reissue after an appeal is numbered. */
export const awardIdFor = (enrolmentId: string, number = 1): string =>
  number === 1
    ? nameBasedId('credence:award', enrolmentId)
    : nameBasedId('credence:award', enrolmentId, String(number));

export interface BoardRunnerLogger {
  warn(message: string): void;
}

type Output<T extends MicroBoardOutput['type']> = Extract<MicroBoardOutput, { type: T }>['data'];

/**
 * The I/O shell of the micro-board workflow (libs/domain/src/micro-board): it feeds the workflow each
 * event in global log order, loads what a command needs, appends it with `decideAndAppend`, and
 * commits the workflow's state with its checkpoint, once per batch. Every command is idempotent
 * (deterministic ids, deciders that return nothing on a replay), so a crash before the commit
 * replays the batch from the committed state with the same decisions.
 */
export class BoardRunner implements CheckpointedConsumer {
  readonly name: string;
  /** Its classifications, cases and awards reach the read models with the events that caused them. */
  readonly reacts = true;
  readonly filter = { eventTypes: MICRO_BOARD_EVENT_TYPES };
  private readonly workflow: MicroBoardWorkflow;
  private readonly partition: BoardPartition;
  private readonly collections: MicroBoardCollections;

  constructor(
    private readonly store: EventStore,
    private readonly state: ReadModelStore,
    private readonly clock: Clock,
    private readonly options: {
      sampling?: SamplingPolicy;
      logger?: BoardRunnerLogger;
      partition?: BoardPartition;
    } = {},
  ) {
    this.partition = options.partition ?? WHOLE_BOARD;
    this.name = boardRunnerCheckpoint(this.partition);
    this.collections = microBoardCollections(this.partition);
    this.workflow = microBoardWorkflow({
      ids: { caseId: caseIdFor, awardId: awardIdFor },
      ...(options.sampling ? { sampling: options.sampling } : {}),
    });
  }

  position(): Promise<number> {
    return this.state.checkpoint(this.name);
  }

  /** When an event fails, what was done before it is committed first. */
  async handle(events: readonly RecordedEvent[]): Promise<void> {
    const inputs = events.filter(isMicroBoardEvent).filter((event) => inPartition(this.partition, event.data));
    const inputAt = new Map(inputs.map((input) => [input.position, input]));
    const before = await loadMicroBoardState(
      this.state,
      this.collections,
      inputs.flatMap((e) => ('enrolmentId' in e.data ? [e.data.enrolmentId] : [])),
    );
    let state = before;
    let handled: number | undefined;
    try {
      for (const event of events) {
        const input = inputAt.get(event.position);
        if (input) state = await this.react(input, state, event);
        handled = event.position;
      }
    } finally {
      if (handled !== undefined)
        await this.state.commit(this.name, handled, microBoardWrites(this.collections, before, state));
    }
  }

  /** Decides, sends each command, and feeds a refusal back in; the state moves on only once all are sent. */
  private async react(input: MicroBoardInput, state: MicroBoardState, cause: RecordedEvent): Promise<MicroBoardState> {
    const outputs = this.workflow.decide(input, state);
    let next = [input, ...outputs].reduce(this.workflow.evolve, state);
    for (const output of outputs) {
      const refused = await this.send(output, cause);
      if (refused) next = await this.react(refused, next, cause);
    }
    return next;
  }

  private async send(output: MicroBoardOutput, cause: RecordedEvent): Promise<ConfirmationRefused | undefined> {
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
        this.options.logger?.warn(
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
    return decideAndAppend(this.store, this.clock, decider, streamId, command, () => ({
      actor: 'system:board-runner',
      role: 'system',
      correlationId: cause.metadata.correlationId,
      causationId: cause.id,
      occurredAt: this.clock.now().toISOString(),
    }));
  }

  private async board(boardId: string) {
    const { state } = await loadState(this.store, boardDecider, streams.board(boardId));
    if (state.status === 'none') throw new NotFound(`board ${boardId} not found`);
    return state;
  }

  /** The case shows the enrolment as it stood at the outcome's version, whatever happened since. */
  private async openCase({ enrolmentId, boardId, caseId, atVersion }: Output<'OpenCase'>, cause: RecordedEvent) {
    const board = await this.board(boardId);
    const { state } = await loadStateAt(this.store, enrolmentDecider, streams.enrolment(enrolmentId), atVersion);
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
    const { state: enrolment } = await loadState(this.store, enrolmentDecider, streams.enrolment(enrolmentId));
    if (enrolment.status === 'none') throw new NotFound(`enrolment ${enrolmentId} not found`);
    const [course, learner] = await Promise.all([
      loadState(this.store, courseDecider, streams.course(enrolment.courseId)),
      loadState(this.store, learnerDecider, streams.learner(enrolment.learnerId)),
    ]);
    if (course.state.status === 'none') throw new NotFound(`course ${enrolment.courseId} not found`);
    if (learner.state.status === 'none') throw new NotFound(`learner ${enrolment.learnerId} not found`);
    await this.run(cause, awardDecider, streams.award(awardId), {
      type: 'IssueAward',
      data: awardFor(awardId, enrolment, course.state, learner.state),
    });
  }
}
