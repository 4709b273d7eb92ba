import type { EventFilter, EventStore, RecordedEvent } from './event-store.port.js';

/** Up to `limit` events after `position` (those `filter` wants), in log order. */
export const readAfter = async (
  store: Pick<EventStore, 'readAll'>,
  position: number,
  limit: number,
  filter?: EventFilter,
): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll(position, filter, limit)) {
    events.push(event);
    if (events.length >= limit) break;
  }
  return events;
};
