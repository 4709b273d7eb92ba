import type { Decider, DomainEvent } from '#domain';
import type { CommandContext } from '../../commands/command-context.js';
import type { DeciderRunner } from '../../commands/decider-runner.js';

type Folds<Event extends DomainEvent, State> = Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>;

/** What a command did (or would do) to its stream. */
export interface StepResult<State> {
  state: State;
  /** An earlier upload of the same row appended it already: nothing more is appended. */
  appendedEarlier: boolean;
}

/**
 * How an upload's rows reach the store: a preview stages each row's changes in memory (later rows
 * see them; nothing is written), a commit appends them. Both run the same deciders.
 */
export interface RowSteps {
  load<Event extends DomainEvent, State>(decider: Folds<Event, State>, streamId: string): Promise<State>;
  decide<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    context: CommandContext,
    authorize?: (state: State) => void | Promise<void>,
  ): Promise<StepResult<State>>;
}

/** Appends each row's commands: an upload's commit. The read models are waited for once, at the end. */
export class WritingSteps implements RowSteps {
  private lastPosition = 0;

  constructor(private readonly runner: DeciderRunner) {}

  async load<Event extends DomainEvent, State>(decider: Folds<Event, State>, streamId: string) {
    return (await this.runner.load(decider, streamId)).state;
  }

  async decide<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    context: CommandContext,
    authorize?: (state: State) => void | Promise<void>,
  ): Promise<StepResult<State>> {
    const { state, position } = await this.runner.run(decider, streamId, command, context, authorize, false);
    this.lastPosition = Math.max(this.lastPosition, position);
    // Only rows the preview found new are written, so what this appends is new.
    return { state, appendedEarlier: false };
  }

  /** Read-your-writes for the whole upload. */
  done(): Promise<void> {
    return this.runner.readYourWrites(this.lastPosition);
  }
}

/**
 * Decides each row's commands without appending: an upload's preview. A row's staged states join
 * the upload's (for the rows after it) only when the whole row is accepted (`keep`).
 */
export class StagedSteps implements RowSteps {
  private readonly states = new Map<string, unknown>();
  /** Streams read from the store during the upload (only the upload-wide steps keep these). */
  private readonly loaded = new Map<string, { state: unknown; version: number }>();

  constructor(
    private readonly runner: DeciderRunner,
    private readonly parent?: StagedSteps,
  ) {}

  forRow(): StagedSteps {
    return new StagedSteps(this.runner, this);
  }

  keep(): void {
    for (const [streamId, state] of this.states) this.parent?.states.set(streamId, state);
  }

  private staged(streamId: string): unknown {
    return this.states.get(streamId) ?? this.parent?.staged(streamId);
  }

  private get upload(): StagedSteps {
    return this.parent?.upload ?? this;
  }

  // A stream's staged or loaded state came from a decider over the same stream, so has its State type.
  async load<Event extends DomainEvent, State>(decider: Folds<Event, State>, streamId: string) {
    const staged = this.staged(streamId) as State | undefined;
    if (staged !== undefined) return staged;
    const cached = this.upload.loaded.get(streamId) as { state: State; version: number } | undefined;
    if (cached) return cached.state;
    const fresh = await this.runner.load(decider, streamId);
    this.upload.loaded.set(streamId, fresh);
    return fresh.state;
  }

  async decide<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    context: CommandContext,
    authorize?: (state: State) => void | Promise<void>,
  ): Promise<StepResult<State>> {
    // A stream read empty needs no second read: nothing on it can have been appended earlier.
    const empty = this.upload.loaded.get(streamId)?.version === 0 ? decider.initialState : undefined;
    const staged = (this.staged(streamId) as State | undefined) ?? empty;
    const previewed = await this.runner.preview(decider, streamId, command, context, authorize, staged);
    this.states.set(streamId, previewed.state);
    return { state: previewed.state, appendedEarlier: previewed.appendedEarlier };
  }
}
