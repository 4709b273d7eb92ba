import { matchesFilter, type EventFilter, type RecordedEvent } from '../event-store.port.js';

/**
 * The events this store appended last, parsed, while they follow one another without a gap: a
 * subscriber just behind the head (the usual case, woken by the append) reads them from here
 * instead of querying the page it was told about. An append by another connection leaves a gap in
 * positions, which empties the tail; a range the tail does not wholly cover is read from the file.
 */
export class AppendedTail {
  private events: RecordedEvent[] = [];

  constructor(private readonly capacity: number) {}

  add(appended: readonly RecordedEvent[]): void {
    if (this.capacity <= 0 || appended.length === 0) return;
    const last = this.events.at(-1);
    if (last && last.position + 1 !== appended[0]!.position) this.events = [];
    this.events.push(...appended);
    // Trimmed in steps of `capacity`, so the copy is paid once per `capacity` appends.
    if (this.events.length >= 2 * this.capacity) this.events = this.events.slice(-this.capacity);
  }

  /**
   * Up to `limit` events with after < position <= upTo that match `filter`, in position order; or
   * undefined when the tail does not hold every position in that range.
   */
  between(after: number, upTo: number, filter: EventFilter | undefined, limit: number): RecordedEvent[] | undefined {
    const first = this.events[0];
    if (!first || first.position > after + 1 || this.events.at(-1)!.position < upTo) return undefined;
    const found: RecordedEvent[] = [];
    for (let i = Math.max(0, after + 1 - first.position); i < this.events.length && found.length < limit; i++) {
      const event = this.events[i]!;
      if (event.position > upTo) break;
      if (matchesFilter(event, filter)) found.push(event);
    }
    return found;
  }
}
