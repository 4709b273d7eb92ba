interface Waiter {
  position: number;
  /** The read that may answer it: the first one started after it came. */
  fromRead: number;
  settle(reached: boolean): void;
}

/**
 * Read-your-writes on an API replica, where another process (the projector) commits the read models:
 * a command waits until the projector's checkpoint includes its events. Every waiting command shares
 * one reading of the checkpoint at a time, taken when the projector says it committed (`wake`) or
 * after `pollMs` otherwise, however many wait: each polling on its own cost five queries per mark
 * with ten requests in flight, and a second API process added as many again on the same database.
 * A waiter is answered only by a reading started after it came, so a checkpoint that moved back (a
 * rebuild) is never mistaken for the one it had before.
 */
export class ProjectorProgress {
  private waiters: Waiter[] = [];
  private readsStarted = 0;
  private polling = false;
  /** A commit was announced since the last reading started. */
  private woken = false;
  private endPause: (() => void) | undefined;

  constructor(
    /** The projector's checkpoint now (the lowest of its consumers'). */
    private readonly readCheckpoint: () => Promise<number>,
    private readonly pollMs: number,
  ) {}

  /** Resolves true once the projector's checkpoint is at or past `position`, false after `timeoutMs`. */
  caughtUpWith(position: number, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => waiter.settle(false), timeoutMs);
      const waiter: Waiter = {
        position,
        fromRead: this.readsStarted + 1,
        settle: (reached) => {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(reached);
        },
      };
      this.waiters.push(waiter);
      if (!this.polling) void this.poll();
    });
  }

  /** The projector committed: read again now rather than after the poll interval. */
  wake(): void {
    this.woken = true;
    this.endPause?.();
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.length > 0) {
        const read = ++this.readsStarted;
        this.woken = false;
        // A failed reading answers nobody; the waiters' own timeouts end their wait.
        const checkpoint = await this.readCheckpoint().catch(() => undefined);
        if (checkpoint !== undefined) {
          for (const waiter of this.waiters) {
            if (waiter.fromRead <= read && waiter.position <= checkpoint) waiter.settle(true);
          }
        }
        if (this.waiters.length > 0 && !this.woken) await this.pause();
      }
    } finally {
      this.polling = false;
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.endPause?.(), this.pollMs);
      this.endPause = () => {
        clearTimeout(timer);
        this.endPause = undefined;
        resolve();
      };
    });
  }
}
