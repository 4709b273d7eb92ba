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
  type EnrolmentEvent,
  type EnrolmentState,
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
import { PendingWrites } from './pending-writes.js';

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
  /** Its classifications, cases and awards reach the read models with the events that caused them. */
  readonly reacts = true;
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

  /**
   * Reacts to each event in order and commits its own state and checkpoint once for the batch (a
   * crash before that commit replays the batch, which the idempotent steps allow). When an event
   * fails, what was done before it is committed first.
   */
  async handle(events: readonly RecordedEvent[]): Promise<void> {
    const pending = new PendingWrites();
    let handled: number | undefined;
    try {
      for (const event of events) {
        pending.add(await this.react(event, pending));
        handled = event.position;
      }
    } finally {
      if (handled !== undefined) await this.state.commit(this.name, handled, pending.writes());
    }
  }

  private react(event: RecordedEvent, pending: PendingWrites): Promise<DocumentWrite[]> {
    switch (event.type) {
      case 'MarkRecorded':
        return this.classify(event, (event as unknown as MarkRecorded).data, pending);
      case 'MarkAmended':
        return this.classify(event, (event as unknown as MarkAmended).data, pending);
      case 'OutcomeCalculated':
        return this.openCase(event, (event as unknown as OutcomeCalculated).data, pending);
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

  /** The same read of this batch's own writes first, then of the committed state. */
  private async own<T>(collection: string, id: string, pending: PendingWrites): Promise<T | undefined> {
    return pending.get<T>(collection, id) ?? this.state.get<T>(collection, id);
  }

  /**
   * Samples the mark from the enrolment state the append is decided on, so the stream is read
   * once (and again only on a concurrent change, with the decision taken afresh).
   */
  private async classify(
    cause: RecordedEvent,
    mark: { enrolmentId: string; componentId: string; attempt: number; mark: number },
    pending: PendingWrites,
  ): Promise<DocumentWrite[]> {
    let decided: { markerId: string; countsAsOther: boolean; otherMarks: number } | undefined;
    const sampling = this.options.sampling ?? DEFAULT_SAMPLING;
    const counts = new Map<string, number>();
    const countOf = async (markerId: string) => {
      if (!counts.has(markerId))
        counts.set(markerId, (await this.own<MarkerCount>(MARKERS, markerId, pending))?.otherMarks ?? 0);
      return counts.get(markerId)!;
    };
    // The marker is known from the event only for a recorded mark; an amendment keeps the original marker.
    const recordedBy = (cause.data as { markerId?: unknown }).markerId;
    if (typeof recordedBy === 'string') await countOf(recordedBy);
    const classifying: DeciderLike<null, EnrolmentEvent, EnrolmentState> = {
      ...enrolmentDecider,
      decide: (_command, state, clock) => {
        decided = undefined;
        if (state.status === 'none') return [];
        const attempt = state.attempts[mark.componentId]?.find((a) => a.attempt === mark.attempt);
        const component = state.scheme.components.find((c) => c.id === mark.componentId);
        if (!attempt?.markerId || !component || !counts.has(attempt.markerId)) return [];
        const otherMarks = counts.get(attempt.markerId)!;
        const decision = classifyMark(
          {
            mark: mark.mark,
            componentPassMark: component.passMark,
            boundaries: boundariesFor(component.passMark),
            otherMarksSoFar: otherMarks,
          },
          sampling,
        );
        decided = { markerId: attempt.markerId, countsAsOther: decision.countsAsOther, otherMarks };
        return enrolmentDecider.decide(
          {
            type: 'ClassifyMark',
            data: { componentId: mark.componentId, attempt: mark.attempt, sampled: decision.reason, mark: mark.mark },
          },
          state,
          clock,
        );
      },
    };
    const streamId = streams.enrolment(mark.enrolmentId);
    await this.run(cause, classifying, streamId, null);
    if (!decided) {
      // The marker was not known before reading the stream (an amendment): read its count, decide again.
      const enrolment = await this.enrolment(mark.enrolmentId);
      const markerId = enrolment?.attempts[mark.componentId]?.find((a) => a.attempt === mark.attempt)?.markerId;
      if (!markerId) return [];
      await countOf(markerId);
      await this.run(cause, classifying, streamId, null);
    }
    if (!decided?.countsAsOther) return [];
    return [{ collection: MARKERS, id: decided.markerId, doc: { otherMarks: decided.otherMarks + 1 }, index: {} }];
  }

  private async openCase(
    cause: RecordedEvent,
    outcome: OutcomeCalculated['data'],
    pending: PendingWrites,
  ): Promise<DocumentWrite[]> {
    if (outcome.result === 'referral') return [];
    const enrolment = await this.enrolment(outcome.enrolmentId);
    if (!enrolment || enrolment.status !== 'assessed') return [];
    const entry = await this.own<DirectoryEntry>(DIRECTORY, enrolment.courseId, pending);
    if (!entry) {
      this.options.logger?.warn(
        `no standing board covers course ${enrolment.courseId}: enrolment ${enrolment.enrolmentId} waits unconfirmed`,
      );
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
    const confirmed = await this.run(cause, enrolmentDecider, streams.enrolment(decided.enrolmentId), {
      type: 'ConfirmOutcome',
      data: {
        boardId: decided.boardId,
        caseId: decided.caseId,
        delegated: decided.delegated,
        rationale: decided.rationale,
        ...(decided.decision === 'amend' && decided.mark !== null ? { amendedMark: decided.mark } : {}),
      },
    });
    // The state after the confirmation (or as it was, on a replay): no second read of the stream.
    const enrolment = confirmed.state.status === 'none' ? undefined : confirmed.state;
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
