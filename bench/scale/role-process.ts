import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/** A role's built entry point (dist/apps/...) as its own OS process, its output kept to watch for lines. */
export class RoleProcess {
  output = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    // A bench that fails must not leave its processes running.
    process.once('exit', () => this.running && child.kill('SIGKILL'));
  }

  static start(entryPoint: string, env: Record<string, string>): RoleProcess {
    return new RoleProcess(
      spawn(process.execPath, [entryPoint], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits until the process has printed a line matching `pattern`. */
  async printed(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    for (const deadline = Date.now() + timeoutMs; !pattern.test(this.output); await sleep(50)) {
      if (!this.running) throw new Error(`process exited before printing ${pattern}:\n${this.output}`);
      if (Date.now() > deadline)
        throw new Error(`process did not print ${pattern} in ${timeoutMs} ms:\n${this.output}`);
    }
  }

  /** SIGTERM (the roles close their stores and hand back their locks), then waits for the exit. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}
