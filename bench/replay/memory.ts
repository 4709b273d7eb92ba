export interface MemorySample {
  events: number;
  rssMB: number;
  heapUsedMB: number;
}

export interface MemoryFigures {
  maxRssMB: number;
  maxHeapUsedMB: number;
  /** Least-squares growth per 100,000 events read: about 0 when memory is flat. */
  rssSlopeMBPer100k: number;
  heapSlopeMBPer100k: number;
  samples: MemorySample[];
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

const slope = (xs: number[], ys: number[]): number => {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const sxy = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0);
  const sxx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return Math.round((sxy / sxx) * 100) / 100;
};

/** Samples RSS and heap whenever another `every` events have gone by (call it as often as you like). */
export class MemorySampler {
  readonly samples: MemorySample[] = [];
  private next: number;

  constructor(private readonly every = 100_000) {
    this.next = every;
  }

  seen(events: number): void {
    if (events < this.next) return;
    // Under --expose-gc the sample is what is retained, not what the collector has yet to reclaim.
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    this.samples.push({ events, rssMB: mb(rss), heapUsedMB: mb(heapUsed) });
    this.next = (Math.floor(events / this.every) + 1) * this.every;
  }

  figures(): MemoryFigures {
    const per100k = this.samples.map((s) => s.events / 100_000);
    return {
      maxRssMB: Math.max(...this.samples.map((s) => s.rssMB)),
      maxHeapUsedMB: Math.max(...this.samples.map((s) => s.heapUsedMB)),
      rssSlopeMBPer100k: slope(
        per100k,
        this.samples.map((s) => s.rssMB),
      ),
      heapSlopeMBPer100k: slope(
        per100k,
        this.samples.map((s) => s.heapUsedMB),
      ),
      samples: this.samples,
    };
  }
}
