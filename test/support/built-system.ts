import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const SOURCES = ['apps', 'libs', 'bench', 'scripts'];
const STAMP = 'dist/.built';
const LOCK = 'dist/.build-lock';

const newestSource = (dir: string): number => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'test') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
};

const isFresh = (): boolean => {
  try {
    const built = statSync(STAMP).mtimeMs;
    return Math.max(...SOURCES.map(newestSource), statSync('tsconfig.build.json').mtimeMs) < built;
  } catch {
    return false;
  }
};

/**
 * Tests that run the system as separate processes use the built JavaScript, as `npm start` does.
 * Builds it when a source is newer than the last build; jest workers take turns through a lock folder.
 */
export const ensureBuilt = async (): Promise<void> => {
  mkdirSync('dist', { recursive: true });
  for (const started = Date.now(); ;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() - started > 180_000)
        throw new Error(`${LOCK} held for 3 minutes; remove it if no build is running`);
      await sleep(200);
    }
  }
  try {
    if (isFresh()) return;
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
      stdio: 'inherit',
    });
    writeFileSync(STAMP, new Date().toISOString());
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** One of the built entry points (dist/apps/...) as a child process, with its output kept for assertions. */
export class SystemProcess {
  output = '';

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static spawn(entryPoint: string, env: Record<string, string>): SystemProcess {
    return new SystemProcess(
      spawn(process.execPath, [entryPoint], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits until the process has printed a line matching `pattern`. */
  async printed(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (!this.running) throw new Error(`process exited before printing ${pattern}:\n${this.output}`);
      if (Date.now() > deadline)
        throw new Error(`process did not print ${pattern} in ${timeoutMs} ms:\n${this.output}`);
      await sleep(50);
    }
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}
