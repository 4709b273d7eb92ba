import type { RecordedEvent } from '../event-store.port.js';

/**
 * The events of the streams read most recently, parsed, so reading a stream again fetches only
 * what was appended since (the log is append-only: a stream's first n events never change).
 * Bounded: the least recently used stream is dropped first.
 */
export class RecentStreams {
  private readonly streams = new Map<string, readonly RecordedEvent[]>();

  constructor(private readonly capacity: number) {}

  /** The stream's known events (possibly fewer than it now has), oldest first. */
  known(streamId: string): readonly RecordedEvent[] {
    return this.streams.get(streamId) ?? [];
  }

  remember(streamId: string, events: readonly RecordedEvent[]): void {
    if (this.capacity <= 0 || events.length === 0) return;
    this.streams.delete(streamId);
    this.streams.set(streamId, events);
    if (this.streams.size > this.capacity) this.streams.delete(this.streams.keys().next().value!);
  }
}
