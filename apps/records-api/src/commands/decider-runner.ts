import { Inject, Injectable } from '@nestjs/common';
import type { Clock, Decider, DomainEvent } from '#domain';
import { decideAndAppend, loadState, type Decided, type EventStore } from '#event-store';
import type { AppConfig } from '../config/app-config.js';
import { ProjectionHub } from '../infrastructure/projection-hub.js';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../infrastructure/tokens.js';
import { metadataFor, type CommandContext } from './command-context.js';

export type { Decided };

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
    if (decided.events.length > 0 && this.config.consistencyWaitMs > 0)
      await this.projections.caughtUpWith(decided.position, this.config.consistencyWaitMs);
    return decided;
  }
}
