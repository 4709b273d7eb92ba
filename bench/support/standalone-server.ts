import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * The standalone system (what `npm start` runs) in a process of its own, so the load generator
 * in the bench process does not share its event loop. On this 2-core machine the server is
 * pinned to core 0 and the bench process to core 1 (taskset; BENCH_PIN=0 turns pinning off),
 * so neither steals the other's core.
 */
export interface StandaloneServer {
  base: string;
  pid: number;
  /** SIGTERM (the app's shutdown hooks close the stores), then waits for the exit. */
  stop(): Promise<void>;
}

export interface StandaloneOptions {
  dataDir: string;
  secret: string;
  /** Extra environment, e.g. KAFKA_BROKERS. */
  env?: Record<string, string>;
  /** Writes a V8 CPU profile of the server into this folder when it stops (node --cpu-prof). */
  cpuProfileDir?: string;
  /** Another server to run (the records API alone, a ladder rung), relative to `dist`; default the standalone. */
  entry?: string;
  /** The build to run it from (default ./dist): another build, for an A/B comparison. */
  distDir?: string;
}

const SERVER_CORE = '0';
const BENCH_CORE = '1';
const pinning = () => process.env.BENCH_PIN !== '0' && hasTaskset();

const hasTaskset = (): boolean => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Pins this (the load generator's) process, every thread of it, to its own core. */
export const pinBenchProcess = (): string => {
  if (!pinning()) return 'not pinned';
  execFileSync('taskset', ['-a', '-p', '-c', BENCH_CORE, String(process.pid)], { stdio: 'ignore' });
  return `server on core ${SERVER_CORE}, load generator on core ${BENCH_CORE} (taskset)`;
};

export const freePort = async (): Promise<number> => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
};

export const startStandalone = async (options: StandaloneOptions): Promise<StandaloneServer> => {
  const port = await freePort();
  const main = join(
    options.distDir ?? join(process.cwd(), 'dist'),
    options.entry ?? 'apps/records-api/src/standalone/main.js',
  );
  const nodeArgs = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const [command, args] = pinning()
    ? ['taskset', ['-c', SERVER_CORE, process.execPath, ...nodeArgs, main]]
    : [process.execPath, [...nodeArgs, main]];
  const child = spawn(command, args, {
    env: {
      ...process.env,
      DATA_DIR: options.dataDir,
      AUTH_JWT_SECRET: options.secret,
      PORT: String(port),
      HOST: '127.0.0.1',
      SWEEP_INTERVAL_MS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A bench that fails must not leave its server running.
  const orphaned = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', orphaned);
  child.once('exit', () => process.off('exit', orphaned));
  await listening(child);
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
};

const listening = (child: ChildProcess): Promise<void> =>
  new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      // The standalone, the records API and the ladder rungs all say so.
      if (output.includes('listening on')) resolve();
      // Errors and warnings stay visible (Nest logs warnings to stdout): a bench must not hide a server that misbehaves.
      for (const line of text.split('\n'))
        if (/\b(WARN|ERROR)\b/.test(line)) process.stderr.write(`[server] ${line}\n`);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[server] ${chunk.toString()}`));
    child.once('exit', (code) =>
      reject(new Error(`the standalone server exited (${code}) before listening:\n${output}`)),
    );
  });

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
export const cpuSecondsOf = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (USER_HZ, 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
};
