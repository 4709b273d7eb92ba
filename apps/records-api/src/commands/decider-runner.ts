import { Inject, Injectable } from '@nestjs/common';
import type { Clock, Decider, DomainEvent } from '#domain';
import {
  decideAndAppend,
  decideWithoutAppending,
  loadState,
  type Decided,
  type EventStore,
  type Previewed,
} from '#event-store';
import type { AppConfig } from '#runtime';
import { ProjectionHub } from '../infrastructure/projection-hub.js';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../infrastructure/tokens.js';
import { metadataFor, type CommandContext } from './command-context.js';

export type { Decided, Previewed };

/** Runs a decider against its stream for a command handler, then waits for the read models (read-your-writes). */
@Injectable()
export class DeciderRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projections: ProjectionHub,
  ) {}

  load<Event extends DomainEvent, State>(
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
    streamId: string,
  ): Promise<{ state: State; version: number }> {
    return loadState(this.store, decider, streamId);
  }

  async run<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    context: CommandContext,
    /** Checks who may act on this state (e.g. a learner on their own enrolment); throws to refuse. */
    authorize?: (state: State) => void | Promise<void>,
    /** False for a batch (a bulk upload's rows), which waits once at its end (`readYourWrites`). */
    waitForReadModels = true,
  ): Promise<Decided<Event, State>> {
    const decided = await decideAndAppend(
      this.store,
      this.clock,
      decider,
      streamId,
      command,
      () => metadataFor(context, this.clock.now()),
      authorize,
    );
    if (decided.events.length > 0 && waitForReadModels) await this.readYourWrites(decided.position);
    return decided;
  }

  /** Waits (up to the configured time) until the read models include the event at `position`. */
  async readYourWrites(position: number): Promise<void> {
    if (this.config.consistencyWaitMs > 0) await this.projections.caughtUpWith(position, this.config.consistencyWaitMs);
  }

  /** What `run` would do now, without appending: a bulk upload's preview. `staged`: the stream's state after earlier rows. */
  preview<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    context: CommandContext,
    authorize?: (state: State) => void | Promise<void>,
    staged?: State,
  ): Promise<Previewed<Event, State>> {
    return decideWithoutAppending(
      this.store,
      this.clock,
      decider,
      streamId,
      command,
      context.idempotencyKey,
      authorize,
      staged,
    );
  }
}
