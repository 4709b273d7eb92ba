import { nameBasedId, type RecordedEvent } from '#event-store';
import type { DocumentWrite, ReadModelStore } from '../read-model-store.port.js';

export const PARKED_STREAMS = 'parked-streams';

/** One consumer's parked stream: where it stopped, why, and what waits behind it. */
export interface ParkedStream {
  id: string;
  consumer: string;
  streamId: string;
  /** `resolved` once a retry has applied the held events; kept as the history of the parking. */
  status: 'parked' | 'resolved';
  /** The event that failed: the stream is held from here. */
  event: { id: string; type: string; position: number; streamVersion: number };
  error: string;
  parkedAt: string;
  /** Later events of the stream, held back rather than applied out of order. */
  heldEvents: number;
  lastHeldPosition: number;
  /** Retries that failed again (the error is then the latest one). */
  failedRetries: number;
  resolvedAt: string | null;
}

export const parkedStreamId = (consumer: string, streamId: string): string =>
  nameBasedId('credence:parked-stream', consumer, streamId);

export const errorText = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);

export const parkAt = (consumer: string, event: RecordedEvent, error: unknown, parkedAt: string): ParkedStream => ({
  id: parkedStreamId(consumer, event.streamId),
  consumer,
  streamId: event.streamId,
  status: 'parked',
  event: { id: event.id, type: event.type, position: event.position, streamVersion: event.streamVersion },
  error: errorText(error),
  parkedAt,
  heldEvents: 0,
  lastHeldPosition: event.position,
  failedRetries: 0,
  resolvedAt: null,
});

/** Counts a held event once, even when the feed hands it over again. */
export const hold = (parked: ParkedStream, event: RecordedEvent): ParkedStream =>
  event.position <= parked.lastHeldPosition
    ? parked
    : { ...parked, heldEvents: parked.heldEvents + 1, lastHeldPosition: event.position };

export const retryFailed = (parked: ParkedStream, error: unknown): ParkedStream => ({
  ...parked,
  error: errorText(error),
  failedRetries: parked.failedRetries + 1,
});

export const resolve = (parked: ParkedStream, resolvedAt: string): ParkedStream => ({
  ...parked,
  status: 'resolved',
  resolvedAt,
});

/** Indexed by consumer, and by status and when it was parked (the list, oldest first). */
export const parkedStreamWrite = (parked: ParkedStream): DocumentWrite => ({
  collection: PARKED_STREAMS,
  id: parked.id,
  doc: parked,
  index: { ref: parked.consumer, status: parked.status, due: parked.parkedAt },
});

/**
 * A rebuild replays every stream, parked ones included: the consumer's parkings are then history,
 * and a retry must not apply their held events a second time.
 */
export const releaseParkings = async (readModels: ReadModelStore, consumer: string, at: string): Promise<void> => {
  const parked = (await readModels.findByRef<ParkedStream>(PARKED_STREAMS, consumer)).filter(
    (p) => p.status === 'parked',
  );
  if (parked.length > 0)
    await readModels.commit(
      consumer,
      0,
      parked.map((p) => parkedStreamWrite(resolve(p, at))),
    );
};
