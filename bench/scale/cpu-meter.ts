import { readdirSync, readFileSync } from 'node:fs';
import { cpuSecondsOf } from '../support/standalone-server.js';

/** CPU seconds the machine spent busy (all cores, every process), from /proc/stat. */
const machineBusySeconds = (): number => {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  const busy = ticks.slice(0, 8).reduce((sum, t, i) => (i === 3 || i === 4 ? sum : sum + t), 0);
  return busy / 100;
};

/** CPU seconds a process used, with those of its children it has reaped (cutime, cstime: stat(5) fields 16, 17). */
const withReapedChildren = (pid: string): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100;
};

/**
 * CPU seconds of PostgreSQL: its live processes, and (through the postmaster's reaped children)
 * the backends that ended, so a connection closing inside the window does not take its time away.
 */
const postgresSeconds = (): number => {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += withReapedChildren(pid);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
};

/** Per group, the share of one core used over the window (100 = one core busy throughout). */
export type CpuShares = Record<string, number>;

/**
 * Measures CPU use over a window: the named child processes (by pid), PostgreSQL, this (the load
 * generator's or poller's) process, and the whole machine, which also shows anything else running.
 */
export const startCpuMeter = (groups: Record<string, number[]>): (() => CpuShares) => {
  const sample = (): Record<string, number> => {
    const own = process.cpuUsage();
    return {
      ...Object.fromEntries(
        Object.entries(groups).map(([name, pids]) => [name, pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0)]),
      ),
      postgresql: postgresSeconds(),
      'bench process': (own.user + own.system) / 1e6,
      'machine (2 cores = 200)': machineBusySeconds(),
    };
  };
  const before = sample();
  const started = performance.now();
  return () => {
    const after = sample();
    const seconds = (performance.now() - started) / 1000;
    return Object.fromEntries(
      Object.entries(after).map(([name, used]) => [name, Math.round(((used - before[name]!) / seconds) * 100)]),
    );
  };
};
