import { percentiles, type Percentiles } from '../stats.js';
import type { AppendCommand } from './workload.js';

/** One way of appending (our adapter, the raw driver, a peer) on a store of its own. */
export interface AppendContender {
  append(command: AppendCommand): Promise<void> | void;
  /** How many events the store holds: checked against the workload after the run. */
  count(): Promise<number>;
  close(): Promise<void>;
  /** Appends the contender had to repeat (only a peer that fails transiently has any). */
  retries?(): number;
}

export interface NamedContender {
  name: string;
  /** A fresh, empty store. */
  open(): Promise<AppendContender> | AppendContender;
}

export interface AppendFigures {
  appends: number;
  concurrency: number;
  seconds: number;
  appendsPerSecond: number;
  latencyMs: Percentiles;
  retries?: number;
}

/** Worker w owns the streams first seen at index ≡ w (mod lanes): a stream's appends stay in order on one worker. */
const lanesOf = (commands: readonly AppendCommand[], lanes: number): Map<string, number> => {
  const owner = new Map<string, number>();
  for (const { streamId } of commands) if (!owner.has(streamId)) owner.set(streamId, owner.size % lanes);
  return owner;
};

/** Runs one slice with `lanes` commands in flight; pushes each append's latency. */
const runSlice = async (
  contender: AppendContender,
  slice: readonly AppendCommand[],
  owner: Map<string, number>,
  lanes: number,
  latencies: number[],
): Promise<number> => {
  const queues: AppendCommand[][] = Array.from({ length: lanes }, () => []);
  for (const command of slice) queues[owner.get(command.streamId)!]!.push(command);
  const started = performance.now();
  await Promise.all(
    queues.map(async (queue) => {
      for (const command of queue) {
        const sent = performance.now();
        await contender.append(command);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return performance.now() - started;
};

/**
 * One round: every contender appends the same commands to a fresh store of its own, with
 * `concurrency` appends in flight, no conflicts and no retries. The contenders take turns slice by
 * slice (who goes first rotates), so a change in the load of this shared machine hits all of them
 * alike rather than whichever happened to be running.
 */
export const raceAppends = async (
  contenders: readonly NamedContender[],
  commands: readonly AppendCommand[],
  concurrency: number,
  slices = 20,
): Promise<Record<string, AppendFigures>> => {
  const owner = lanesOf(commands, concurrency);
  const stores = [];
  for (const contender of contenders)
    stores.push({ name: contender.name, store: await contender.open(), millis: 0, latencies: [] as number[] });
  try {
    const size = Math.ceil(commands.length / slices);
    for (let s = 0; s * size < commands.length; s++) {
      const slice = commands.slice(s * size, (s + 1) * size);
      for (let i = 0; i < stores.length; i++) {
        const entry = stores[(s + i) % stores.length]!;
        entry.millis += await runSlice(entry.store, slice, owner, concurrency, entry.latencies);
      }
    }
    const figures: Record<string, AppendFigures> = {};
    for (const { name, store, millis, latencies } of stores) {
      const stored = await store.count();
      if (stored !== commands.length)
        throw new Error(`${name}: expected ${commands.length} events in the store, found ${stored}`);
      figures[name] = {
        appends: commands.length,
        concurrency,
        seconds: Math.round(millis) / 1000,
        appendsPerSecond: Math.round(commands.length / (millis / 1000)),
        latencyMs: percentiles(latencies),
        ...(store.retries ? { retries: store.retries() } : {}),
      };
    }
    return figures;
  } finally {
    for (const { store } of stores) await store.close();
  }
};
