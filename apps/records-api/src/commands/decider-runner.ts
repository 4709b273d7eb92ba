import { Inject, Injectable } from '@nestjs/common';
import { fold, type Clock, type Decider, type DomainEvent } from '#domain';
import { ConcurrencyConflict, type EventStore } from '#event-store';
import type { AppConfig } from '../config/app-config.js';
import { ProjectionHub } from '../infrastructure/projection-hub.js';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../infrastructure/tokens.js';
import { metadataFor, type CommandContext } from './command-context.js';

export interface Decided<Event, State> {
  events: Event[];
  /** State after the new events. */
  state: State;
  position: number;
}

/**
 * The whole of a command handler's work: load the stream, fold, decide, append with the expected
 * version. A concurrent change to the same stream is retried once against the fresh state.
 */
@Injectable()
export class DeciderRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projections: ProjectionHub,
  ) {}

  async load<Event extends DomainEvent, State>(
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
    streamId: string,
  ): Promise<{ state: State; version: number }> {
    const recorded = await this.store.read(streamId);
    return { state: fold(decider, recorded as unknown as Event[]), version: recorded.length };
  }

  async run<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    context: CommandContext,
    /** Checks who may act on this state (e.g. a learner on their own enrolment); throws to refuse. */
    authorize: (state: State) => void = () => undefined,
  ): Promise<Decided<Event, State>> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.load(decider, streamId);
      authorize(state);
      const events = decider.decide(command, state, this.clock);
      const metadata = metadataFor(context, this.clock.now());
      try {
        const appended = await this.store.append(
          streamId,
          events.map((e) => ({ type: e.type, data: e.data, metadata })),
          version === 0 ? 'no-stream' : version,
        );
        if (this.config.consistencyWaitMs > 0)
          await this.projections.caughtUpWith(appended.lastPosition, this.config.consistencyWaitMs);
        return { events, state: events.reduce(decider.evolve, state), position: appended.lastPosition };
      } catch (error) {
        if (error instanceof ConcurrencyConflict && attempt === 1) continue;
        throw error;
      }
    }
  }
}
