import {
  isMicroBoardEvent,
  microBoardWorkflow,
  MICRO_BOARD_EVENT_TYPES,
  type Clock,
  type MicroBoardInput,
  type MicroBoardState,
  type MicroBoardWorkflow,
  type SamplingPolicy,
} from '#domain';
import {
  appendsAtomically,
  HeldAppends,
  nameBasedId,
  readAfter,
  type AtomicStore,
  type CheckpointedConsumer,
  type EventStore,
  type RecordedEvent,
  type StreamStore,
} from '#event-store';
import type { ReadModelStore } from '#projections';
import { BoardCommands, type BoardRunnerLogger } from './board-commands.js';
import { boardRunnerCheckpoint, inPartition, WHOLE_BOARD, type BoardPartition } from './board-partition.js';
import {
  loadMicroBoardState,
  microBoardCollections,
  microBoardWrites,
  type MicroBoardCollections,
  type StandingState,
} from './micro-board-documents.js';

export type { BoardRunnerLogger } from './board-commands.js';

/** Most batches a delivered batch's chain is followed through (a final mark's takes four). */
const MAX_FOLLOWED = 8;
/** Most events of one followed batch. */
const FOLLOWED_BATCH = 500;

/** The enrolment's `number`th case: numbered by the micro-board, so a replayed reaction opens the same case. */
export const caseIdFor = (enrolmentId: string, number: number): string =>
  nameBasedId('credence:case', enrolmentId, String(number));
/** The enrolment's `number`th award: the first keeps the id it always had; a reissue after an appeal is numbered. */
export const awardIdFor = (enrolmentId: string, number = 1): string =>
  number === 1
    ? nameBasedId('credence:award', enrolmentId)
    : nameBasedId('credence:award', enrolmentId, String(number));

/**
 * One batch: its events, the micro-board's inputs among them (by position), the state before it,
 * and the enrolments' tracks read from the store for it (the others were in the state already).
 */
interface Batch {
  events: readonly RecordedEvent[];
  inputAt: ReadonlyMap<number, MicroBoardInput & RecordedEvent>;
  before: MicroBoardState;
  read: MicroBoardState['enrolments'];
}

/** How far a run through the batch got: the state after the last event handled, and what stopped it. */
interface Run {
  state: MicroBoardState;
  handled?: number;
  failure?: unknown;
}

/**
 * The I/O shell of the micro-board workflow (libs/domain/src/micro-board): it feeds the workflow each
 * event in global log order, has BoardCommands carry out what it decides, and commits the workflow's
 * state with its checkpoint, once per batch. Every command is idempotent
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
  /**
   * The boards and markers as this runner last committed them, with that checkpoint: they are read
   * whole and only this runner writes them, so a batch reuses them while the durable checkpoint is
   * still that one (a shared commit that failed leaves it behind, and they are read again).
   */
  private committed: { position: number; standing: StandingState } | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly state: ReadModelStore,
    private readonly clock: Clock,
    private readonly options: {
      sampling?: SamplingPolicy;
      logger?: BoardRunnerLogger;
      partition?: BoardPartition;
      /** Most batches a delivered batch's chain is followed through (0: each step waits for the live feed). */
      followedBatches?: number;
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

  /**
   * Where the store can write several streams atomically, the batch's commands are held and written
   * in one transaction (one durable commit per batch, not one per command), and the chain they start
   * is followed (see followChain). If anything fails that way (another writer changed a stream
   * meanwhile, a command failed), none of it was written and the batch runs again command by
   * command: then what was done before a failing event is committed first and the failure goes to
   * the hub, which parks the stream. Events at or below the checkpoint were handled already (the
   * chain was followed past them): they are skipped.
   */
  async handle(delivered: readonly RecordedEvent[]): Promise<void> {
    const handledUpTo = await this.position();
    const events = delivered.filter((event) => event.position > handledUpTo);
    if (events.length === 0) return;
    const batch = await this.batchOf(events, handledUpTo);
    if (appendsAtomically(this.store)) {
      const inOneGo = await this.inOneTransaction(batch, this.store);
      if (inOneGo) return this.commit(...(await this.followChain(batch, inOneGo, this.store)));
    }
    const run = await this.runThrough(batch, this.commandsOn(this.store));
    await this.commit(batch.before, run);
    if (run.failure !== undefined) throw run.failure;
  }

  /**
   * What a batch's commands append comes back to the runner as its next batch: a final mark's
   * outcome, then its case, the decision, the confirmation and the award, a batch each. Taken here
   * instead, read from the log in order with whatever else was appended meanwhile, the chain costs
   * one commit of the runner's state and one write of each document it touches, not one per step.
   * Stops when nothing follows, at the first batch that fails (the live feed hands it over again)
   * and after `followedBatches` batches. Returns the state before it all and the last run.
   */
  private async followChain(batch: Batch, run: Run, store: AtomicStore): Promise<[MicroBoardState, Run]> {
    let before = batch.before;
    let last = run;
    const most = this.options.followedBatches ?? MAX_FOLLOWED;
    for (let followed = 0; followed < most && last.handled !== undefined; followed++) {
      const events = await readAfter(this.store, last.handled, FOLLOWED_BATCH, this.filter);
      if (events.length === 0) break;
      const next = await this.batchOf(events, last.handled, last.state);
      const done = await this.inOneTransaction(next, store);
      if (!done) break;
      // The tracks first read for this batch were there before it all, unchanged.
      before = { ...before, enrolments: { ...next.read, ...before.enrolments } };
      last = done;
    }
    return [before, last];
  }

  /** The batch with its commands held and then written together; undefined when any of it failed (nothing was written). */
  private async inOneTransaction(batch: Batch, store: AtomicStore): Promise<Run | undefined> {
    const held = new HeldAppends(store);
    const run = await this.runThrough(batch, this.commandsOn(held));
    if (run.failure !== undefined) return undefined;
    try {
      await held.flush();
      return run;
    } catch {
      return undefined;
    }
  }

  private commandsOn(log: StreamStore): BoardCommands {
    return new BoardCommands(log, this.clock, this.options.logger);
  }

  /**
   * The batch of `events`, which follow `handledUpTo`: the state before it is `current` (a followed
   * batch's) with the tracks it lacks read from the store, or else read from the store.
   */
  private async batchOf(
    events: readonly RecordedEvent[],
    handledUpTo: number,
    current?: MicroBoardState,
  ): Promise<Batch> {
    const inputs = events.filter(isMicroBoardEvent).filter((event) => inPartition(this.partition, event.data));
    const enrolmentIds = inputs.flatMap((e) => ('enrolmentId' in e.data ? [e.data.enrolmentId] : []));
    const inputAt = new Map(inputs.map((input) => [input.position, input]));
    if (current) {
      const lacking = enrolmentIds.filter((id) => !(id in current.enrolments));
      const { enrolments: read } =
        lacking.length > 0
          ? await loadMicroBoardState(this.state, this.collections, lacking, current)
          : { enrolments: {} };
      return { events, inputAt, before: { ...current, enrolments: { ...read, ...current.enrolments } }, read };
    }
    const committed = this.committed;
    const standing = committed && committed.position === handledUpTo ? committed.standing : undefined;
    const before = await loadMicroBoardState(this.state, this.collections, enrolmentIds, standing);
    return { events, inputAt, before, read: before.enrolments };
  }

  private async runThrough(batch: Batch, commands: BoardCommands): Promise<Run> {
    let state = batch.before;
    let handled: number | undefined;
    try {
      for (const event of batch.events) {
        const input = batch.inputAt.get(event.position);
        if (input) state = await this.react(input, state, event, commands);
        handled = event.position;
      }
      return { state, handled };
    } catch (failure) {
      return { state, handled, failure };
    }
  }

  private async commit(before: MicroBoardState, { state, handled }: Run): Promise<void> {
    if (handled === undefined) return;
    this.committed = undefined;
    await this.state.commit(this.name, handled, microBoardWrites(this.collections, before, state));
    this.committed = { position: handled, standing: { boards: state.boards, markers: state.markers } };
  }

  /** Decides, sends each command, and feeds a refusal back in; the state moves on only once all are sent. */
  private async react(
    input: MicroBoardInput,
    state: MicroBoardState,
    cause: RecordedEvent,
    commands: BoardCommands,
  ): Promise<MicroBoardState> {
    const outputs = this.workflow.decide(input, state);
    let next = [input, ...outputs].reduce(this.workflow.evolve, state);
    for (const output of outputs) {
      const refused = await commands.send(output, cause);
      if (refused) next = await this.react(refused, next, cause, commands);
    }
    return next;
  }
}
