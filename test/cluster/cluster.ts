import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, SystemProcess } from '../support/built-system.js';

export type ClusterRole = 'api' | 'projector' | 'board-runner' | 'award-relay';

const ENTRY_POINTS: Record<ClusterRole, string> = {
  api: 'dist/apps/records-api/src/main.js',
  projector: 'dist/apps/projector/src/main.js',
  'board-runner': 'dist/apps/board-runner/src/main.js',
  'award-relay': 'dist/apps/award-relay/src/main.js',
};
/** What a process prints once it serves (API) or has settled into leading or standing by (the others). */
const READY = /records-api listening|leading|standing by/i;
/** What a process prints when it takes a lock (the partitioned board runner may word it per partition); not "another … leads". */
const TAKES_THE_LEAD = /leading|took over|taking over/i;
// eslint-disable-next-line no-control-regex -- the escape that starts a colour code
const ANSI_COLOURS = /\x1b\[[0-9;]*m/g;

interface Member {
  role: ClusterRole;
  process: SystemProcess;
  /** The API's port, kept across a restart so the load balancer's list stays the same. */
  port?: number;
}

/** What one kill showed: who died and how long until another process of the role took over. */
export interface Kill {
  role: ClusterRole;
  /** What the killed process had printed about leading, its last such line. */
  victimWas: string;
  /** Milliseconds from the SIGKILL to a survivor taking the lead; undefined for the API (nothing to take over). */
  takeoverMs?: number;
  /** Resolves with the milliseconds from the SIGKILL until the process started in its place was ready. */
  restarted: Promise<number>;
}

/**
 * The distributed deployment as real OS processes from the built dist/: each role with its replicas,
 * all on one PostgreSQL schema. A role's process can be SIGKILLed and started again in its place.
 */
export class Cluster {
  private readonly members: Member[] = [];

  constructor(private readonly env: (role: ClusterRole) => Record<string, string>) {}

  async start(counts: Record<ClusterRole, number>): Promise<void> {
    for (const [role, count] of Object.entries(counts) as [ClusterRole, number][])
      for (let i = 0; i < count; i++) this.members.push(await this.spawn(role));
    await Promise.all(this.members.map((member) => member.process.printed(READY, 60_000)));
  }

  /** The base URLs of the API processes, running or not (a client retries elsewhere when one is down). */
  apiUrls(): string[] {
    return this.of('api').map((member) => `http://127.0.0.1:${member.port}`);
  }

  /**
   * SIGKILLs the role's leader (a process that printed that it leads; for the API, the first one),
   * waits for a survivor to take the lead, then starts a new process in its place (as an orchestrator
   * would) without waiting for it. `onKilled` hears the moment the victim is gone.
   */
  async killLeader(role: ClusterRole, onKilled: () => void = () => undefined): Promise<Kill> {
    const members = this.of(role);
    const victim = members.find((m) => m.process.running && TAKES_THE_LEAD.test(m.process.output)) ?? members[0]!;
    const survivors = members.filter((m) => m !== victim && m.process.running);
    const seen = new Map(survivors.map((m) => [m, m.process.output.length]));
    const victimWas =
      victim.process.output
        .split('\n')
        .filter((line) => TAKES_THE_LEAD.test(line) || /listening/.test(line))
        .at(-1)
        ?.replace(ANSI_COLOURS, '')
        .trim() ?? '(nothing printed)';
    const killedAt = Date.now();
    await victim.process.stop('SIGKILL');
    onKilled();
    let takeoverMs: number | undefined;
    if (role !== 'api') {
      const tookOver = () => survivors.some((m) => TAKES_THE_LEAD.test(m.process.output.slice(seen.get(m))));
      while (!tookOver()) {
        if (Date.now() - killedAt > 20_000)
          throw new Error(
            `no ${role} took over within 20 s of killing its leader; survivors printed:\n${survivors.map((m) => m.process.output.slice(seen.get(m))).join('\n---\n')}`,
          );
        await sleep(50);
      }
      takeoverMs = Date.now() - killedAt;
    }
    const restarted = (async () => {
      const replacement = await this.spawn(role, victim.port);
      this.members[this.members.indexOf(victim)] = replacement;
      await replacement.process.printed(READY, 60_000);
      return Date.now() - killedAt;
    })();
    return { role, victimWas, takeoverMs, restarted };
  }

  /** Processes that exited although nobody killed them. */
  unexpectedExits(): string[] {
    return this.members
      .filter((m) => !m.process.running)
      .map((m) => `${m.role} exited (${m.process.child.exitCode ?? m.process.child.signalCode}):\n${m.process.output}`);
  }

  async stop(): Promise<void> {
    await Promise.all(this.members.map((m) => m.process.stop('SIGKILL')));
  }

  private of(role: ClusterRole): Member[] {
    return this.members.filter((m) => m.role === role);
  }

  private async spawn(role: ClusterRole, keptPort?: number): Promise<Member> {
    const port = role === 'api' ? (keptPort ?? (await freePort())) : undefined;
    const env = { ...this.env(role), ...(port === undefined ? {} : { PORT: String(port), HOST: '127.0.0.1' }) };
    return { role, port, process: SystemProcess.spawn(ENTRY_POINTS[role], env) };
  }
}
