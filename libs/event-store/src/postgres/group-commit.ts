/** One caller's append waiting for a transaction. */
export interface QueuedAppend<Command, Result> {
  command: Command;
  /** The streams it appends to. */
  streams: readonly string[];
  events: number;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/**
 * Group commit: appends that arrive while a transaction is in flight share the next one, so a
 * burst of commands pays for one durable commit instead of one each. A lone append starts at once
 * (no timer, no added latency). A batch holds at most one append per stream, in arrival order, so
 * each stream's appends still run one after another, each checked against the version the
 * previous one left (an append to several streams counts for each of them). `commitBatch` settles
 * every append of its batch and must not throw.
 */
export class GroupCommit<Command, Result> {
  private queue: QueuedAppend<Command, Result>[] = [];
  private draining = false;

  constructor(
    private readonly commitBatch: (batch: QueuedAppend<Command, Result>[]) => Promise<void>,
    /** A batch stops growing at this many events (a larger single append still goes alone). */
    private readonly maxEventsPerBatch: number,
  ) {}

  submit(streams: readonly string[], events: number, command: Command): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ command, streams, events, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.nextBatch();
        // Defensive: a batch that escaped its own settling still answers every caller.
        await this.commitBatch(batch).catch((error: unknown) => batch.forEach((queued) => queued.reject(error)));
      }
    } finally {
      this.draining = false;
    }
  }

  /** The oldest appends, one per stream, up to the size limit; the rest keep their order in the queue. */
  private nextBatch(): QueuedAppend<Command, Result>[] {
    const batch: QueuedAppend<Command, Result>[] = [];
    const later: QueuedAppend<Command, Result>[] = [];
    const streams = new Set<string>();
    let events = 0;
    for (const queued of this.queue) {
      const full = batch.length > 0 && events + queued.events > this.maxEventsPerBatch;
      if (full || queued.streams.some((stream) => streams.has(stream))) {
        later.push(queued);
      } else {
        batch.push(queued);
        events += queued.events;
      }
      // Once a stream has an append in this batch or waiting, its later appends wait too.
      for (const stream of queued.streams) streams.add(stream);
    }
    this.queue = later;
    return batch;
  }
}
