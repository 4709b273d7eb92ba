import { PARKED_STREAM_RETRY_REQUESTED, type Clock, type ParkedStreamRetryRequested } from '#domain';
import {
  matchesFilter,
  type CheckpointedConsumer,
  type EventFilter,
  type EventStore,
  type RecordedEvent,
} from '#event-store';
import type { ReadModelStore } from '../read-model-store.port.js';
import {
  hold,
  PARKED_STREAMS,
  parkAt,
  parkedStreamWrite,
  resolve,
  retryFailed,
  type ParkedStream,
} from './parked-stream.js';

/** The consumer's filter, widened to the retry requests addressed to it. */
const withRetryRequests = (filter: EventFilter | undefined): EventFilter | undefined =>
  filter && {
    ...(filter.streamPrefixes ? { streamPrefixes: [...filter.streamPrefixes, 'parked-'] } : {}),
    ...(filter.eventTypes ? { eventTypes: [...filter.eventTypes, PARKED_STREAM_RETRY_REQUESTED] } : {}),
  };

const isRetryRequest = (event: RecordedEvent): event is RecordedEvent<ParkedStreamRetryRequested['data']> =>
  event.type === PARKED_STREAM_RETRY_REQUESTED;

/**
 * Parks the stream of an event the wrapped consumer fails on, so one bad stream never stops the
 * others. The parking (the event, the error, when) and every later event of that stream it holds
 * back commit with the checkpoint, in the read-model store's commit: a restart keeps the stream
 * parked. A retry request replays the held events in order, handed over at the request's position
 * so no checkpoint moves back.
 */
export class ParkingConsumer implements CheckpointedConsumer {
  readonly name: string;
  readonly filter: EventFilter | undefined;
  readonly reacts: boolean | undefined;
  /** This consumer's parked streams by stream id; read again whenever the hub (re)starts it. */
  private parked: Map<string, ParkedStream> | undefined;

  constructor(
    private readonly inner: CheckpointedConsumer,
    private readonly readModels: ReadModelStore,
    private readonly events: Pick<EventStore, 'read'>,
    private readonly clock: Clock,
  ) {
    this.name = inner.name;
    this.filter = withRetryRequests(inner.filter);
    this.reacts = inner.reacts;
  }

  position(): Promise<number> {
    this.parked = undefined;
    return this.inner.position();
  }

  /**
   * Hands the inner consumer the batch without the held events, plus the events of any stream a
   * retry request releases, in ONE call (commits gathered in one transaction cannot see each
   * other), and commits what changed in the parkings with it. Rejects as the inner consumer does.
   */
  async handle(events: readonly RecordedEvent[]): Promise<void> {
    const last = events.at(-1);
    if (!last) return;
    const parked = new Map(await this.parkedStreams());
    const changed = new Map<string, ParkedStream>();
    const handOver: RecordedEvent[] = [];
    for (const event of events) {
      if (isRetryRequest(event)) {
        const parking = parked.get(event.data.streamId);
        if (event.data.consumer !== this.name || parking?.id !== event.data.parkedId) continue;
        handOver.push(...(await this.heldBehind(parking, event.position)));
        parked.delete(parking.streamId);
        changed.set(parking.id, resolve(parking, this.clock.now().toISOString()));
      } else if (matchesFilter(event, this.inner.filter)) {
        const parking = parked.get(event.streamId);
        if (!parking) handOver.push(event);
        else {
          const held = hold(parking, event);
          parked.set(event.streamId, held);
          changed.set(held.id, held);
        }
      }
    }
    await this.together(async () => {
      if (handOver.length > 0) await this.inner.handle(handOver);
      if (changed.size > 0)
        await this.readModels.commit(this.name, last.position, [...changed.values()].map(parkedStreamWrite));
    });
    this.parked = parked;
  }

  /** One event at a time, each committed on its own; the stream of an event that fails is parked. */
  async isolate(events: readonly RecordedEvent[]): Promise<void> {
    const handled = await this.position();
    for (const event of events) {
      if (event.position <= handled) continue;
      try {
        await this.handle([event]);
      } catch (error) {
        await this.park(event, error);
      }
    }
  }

  close(): Promise<void> {
    return this.inner.close?.() ?? Promise.resolve();
  }

  private async park(event: RecordedEvent, error: unknown): Promise<void> {
    const parked = await this.parkedStreams();
    const retried = isRetryRequest(event) ? parked.get(event.data.streamId) : undefined;
    const parking = retried
      ? retryFailed(retried, error)
      : parkAt(this.name, event, error, this.clock.now().toISOString());
    await this.readModels.commit(this.name, event.position, [parkedStreamWrite(parking)]);
    parked.set(parking.streamId, parking);
  }

  /** The parked event and those held behind it, as of the retry request (and handed over at its position). */
  private async heldBehind(parking: ParkedStream, requestedAt: number): Promise<RecordedEvent[]> {
    const stream = await this.events.read(parking.streamId);
    return stream
      .filter((e) => e.position >= parking.event.position && e.position < requestedAt)
      .filter((e) => matchesFilter(e, this.inner.filter))
      .map((e) => ({ ...e, position: requestedAt }));
  }

  private async parkedStreams(): Promise<Map<string, ParkedStream>> {
    if (!this.parked) {
      const mine = await this.readModels.findByRef<ParkedStream>(PARKED_STREAMS, this.name);
      this.parked = new Map(mine.filter((p) => p.status === 'parked').map((p) => [p.streamId, p]));
    }
    return this.parked;
  }

  /** The inner consumer's commit and the parkings' in one transaction where the store can. */
  private together(work: () => Promise<void>): Promise<void> {
    return this.readModels.commitTogether ? this.readModels.commitTogether(new Set([this.name]), work) : work();
  }
}
