import {
  DEFAULT_SAMPLING,
  awardDecider,
  awardFor,
  boardCaseDecider,
  boardDecider,
  boundariesFor,
  casePendingReasons,
  classifyMark,
  courseDecider,
  enrolmentDecider,
  learnerDecider,
  streams,
  type BoardConstituted,
  type CaseDecided,
  type Clock,
  type Enrolment,
  type MarkAmended,
  type MarkRecorded,
  type OutcomeCalculated,
  type SamplingPolicy,
} from '#domain';
import {
  decideAndAppend,
  loadState,
  nameBasedId,
  type CheckpointedConsumer,
  type DeciderLike,
  type EventStore,
  type RecordedEvent,
} from '#event-store';
import type { DocumentWrite, ReadModelStore } from '#projections';

export const BOARD_RUNNER_CHECKPOINT = 'process:board-runner';
const MARKERS = 'board-runner:markers';
const DIRECTORY = 'board-runner:directory';

interface MarkerCount {
  otherMarks: number;
}
interface DirectoryEntry {
  boardId: string;
}

export const caseIdFor = (enrolmentId: string, outcomeEventId: string): string =>
  nameBasedId('credence:case', enrolmentId, outcomeEventId);
export const awardIdFor = (enrolmentId: string): string => nameBasedId('credence:award', enrolmentId);

export interface BoardRunnerLogger {
  warn(message: string): void;
}

/**
 * The continuous micro-board process manager. In global log order it:
 * - classifies every recorded or amended mark for moderation (rolling per-marker sampling),
 * - opens a case on the course's standing board when an outcome is calculated (delegated
 *   authority confirms a clean case in the same step),
 * - on a board decision, confirms the outcome on the enrolment and issues the award for a pass.
 * Every step is idempotent (deterministic ids, deciders that return nothing on a replay), and its
 * own state (marker counts, the course-to-board directory) commits with its checkpoint, so a
 * restart at any point yields exactly one decision and one award per case.
 */
export class BoardRunner implements CheckpointedConsumer {
  readonly name = BOARD_RUNNER_CHECKPOINT;
  readonly filter = {
    eventTypes: ['MarkRecorded', 'MarkAmended', 'OutcomeCalculated', 'CaseDecided', 'BoardConstituted'],
  };

  constructor(
    private readonly store: EventStore,
    private readonly state: ReadModelStore,
    private readonly clock: Clock,
    private readonly options: { sampling?: SamplingPolicy; logger?: BoardRunnerLogger } = {},
  ) {}

  position(): Promise<number> {
    return this.state.checkpoint(this.name);
  }

  async handle(events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      const writes = await this.react(event);
      await this.state.commit(this.name, event.position, writes);
    }
  }

  private react(event: RecordedEvent): Promise<DocumentWrite[]> {
    switch (event.type) {
      case 'MarkRecorded':
        return this.classify(event, (event as unknown as MarkRecorded).data);
      case 'MarkAmended':
        return this.classify(event, (event as unknown as MarkAmended).data);
      case 'OutcomeCalculated':
        return this.openCase(event, (event as unknown as OutcomeCalculated).data);
      case 'CaseDecided':
        return this.confirm(event, (event as unknown as CaseDecided).data);
      case 'BoardConstituted':
        return Promise.resolve(this.register((event as unknown as BoardConstituted).data));
      default:
        return Promise.resolve([]);
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

  private async enrolment(enrolmentId: string): Promise<Enrolment | undefined> {
    const { state } = await loadState(this.store, enrolmentDecider, streams.enrolment(enrolmentId));
    return state.status === 'none' ? undefined : state;
  }

  private async classify(
    cause: RecordedEvent,
    mark: { enrolmentId: string; componentId: string; attempt: number; mark: number },
  ): Promise<DocumentWrite[]> {
    const enrolment = await this.enrolment(mark.enrolmentId);
    const attempt = enrolment?.attempts[mark.componentId]?.find((a) => a.attempt === mark.attempt);
    const component = enrolment?.scheme.components.find((c) => c.id === mark.componentId);
    if (!enrolment || !attempt?.markerId || !component) return [];
    const markerId = attempt.markerId;
    const count = (await this.state.get<MarkerCount>(MARKERS, markerId)) ?? { otherMarks: 0 };
    const decision = classifyMark(
      {
        mark: mark.mark,
        componentPassMark: component.passMark,
        boundaries: boundariesFor(component.passMark),
        otherMarksSoFar: count.otherMarks,
      },
      this.options.sampling ?? DEFAULT_SAMPLING,
    );
    await this.run(cause, enrolmentDecider, streams.enrolment(mark.enrolmentId), {
      type: 'ClassifyMark',
      data: { componentId: mark.componentId, attempt: mark.attempt, sampled: decision.reason, mark: mark.mark },
    });
    if (!decision.countsAsOther) return [];
    return [{ collection: MARKERS, id: markerId, doc: { otherMarks: count.otherMarks + 1 }, index: {} }];
  }

  private async openCase(cause: RecordedEvent, outcome: OutcomeCalculated['data']): Promise<DocumentWrite[]> {
    if (outcome.result === 'referral') return [];
    const enrolment = await this.enrolment(outcome.enrolmentId);
    if (!enrolment || enrolment.status !== 'assessed') return [];
    const entry = await this.state.get<DirectoryEntry>(DIRECTORY, enrolment.courseId);
    if (!entry) {
      this.options.logger?.warn(`no standing board covers course ${enrolment.courseId}: enrolment ${enrolment.enrolmentId} waits unconfirmed`);
      return [];
    }
    const board = await loadState(this.store, boardDecider, streams.board(entry.boardId));
    if (board.state.status === 'none') return [];
    const caseId = caseIdFor(enrolment.enrolmentId, cause.id);
    await this.run(cause, boardCaseDecider(board.state), streams.boardCase(entry.boardId, caseId), {
      type: 'OpenCase',
      data: {
        caseId,
        enrolmentId: enrolment.enrolmentId,
        learnerId: enrolment.learnerId,
        courseId: enrolment.courseId,
        outcome: enrolment.outcome!,
        concerns: casePendingReasons(enrolment, board.state.boundaryMargin),
      },
    });
    return [];
  }

  private async confirm(cause: RecordedEvent, decided: CaseDecided['data']): Promise<DocumentWrite[]> {
    if (decided.decision === 'defer') return [];
    await this.run(cause, enrolmentDecider, streams.enrolment(decided.enrolmentId), {
      type: 'ConfirmOutcome',
      data: {
        boardId: decided.boardId,
        caseId: decided.caseId,
        delegated: decided.delegated,
        rationale: decided.rationale,
        ...(decided.decision === 'amend' && decided.mark !== null ? { amendedMark: decided.mark } : {}),
      },
    });
    const enrolment = await this.enrolment(decided.enrolmentId);
    if (enrolment?.confirmation?.caseId !== decided.caseId || enrolment.confirmation.result !== 'pass') return [];
    const [course, learner] = await Promise.all([
      loadState(this.store, courseDecider, streams.course(enrolment.courseId)),
      loadState(this.store, learnerDecider, streams.learner(enrolment.learnerId)),
    ]);
    if (course.state.status === 'none' || learner.state.status === 'none') return [];
    const awardId = awardIdFor(enrolment.enrolmentId);
    await this.run(cause, awardDecider, streams.award(awardId), {
      type: 'IssueAward',
      data: awardFor(awardId, enrolment, course.state, learner.state),
    });
    return [];
  }

  private register(board: BoardConstituted['data']): DocumentWrite[] {
    return board.courseIds.map((courseId) => ({
      collection: DIRECTORY,
      id: courseId,
      doc: { boardId: board.boardId },
      index: { ref: board.boardId },
    }));
  }
}
