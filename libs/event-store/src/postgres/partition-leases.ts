import pg from 'pg';
import { lockKey } from '#postgres';
import { LEADER_LOCK_CLASS } from './postgres-leader-lock.js';
import { fairShare, rebalance } from './partition-shares.js';

export interface PartitionLeaseOptions {
  connectionString: string;
  /** What is partitioned, e.g. "public:board-runner": partition i is led under `${name}:${i}/${count}`. */
  name: string;
  count: number;
  /** Called once this process leads `index`; the partition's work starts. */
  lead(index: number): Promise<void>;
  /** Called before `index` is handed back; resolves once its work has stopped. */
  yield(index: number): Promise<void>;
  /** How often members are counted, shares rebalanced and the session checked. */
  intervalMs?: number;
  log?: (message: string) => void;
}

/** The granted advisory locks on one key in this database, by backend process id. */
const HOLDERS = `
  SELECT pid, objid::bigint AS key FROM pg_locks
  WHERE locktype = 'advisory' AND granted AND classid = $1::bigint AND objsubid = 2
    AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND objid::bigint = ANY($2::bigint[])`;

/** pg_locks shows an advisory key as an unsigned oid. */
const asOid = (key: number): number => key >>> 0;

/**
 * Partitioned leadership on one PostgreSQL session: every member holds a shared "member" lock, and
 * each partition is led under an exclusive advisory lock of its own. On each tick a member counts the
 * members, hands back what exceeds its fair share and takes free partitions up to it — so a process
 * that joins takes over partitions within a tick or two, and when one dies (its session ends,
 * PostgreSQL frees its locks) the others take its partitions over. `lost` settles when this session
 * fails: every partition is then gone at once and the process must stop.
 */
export class PartitionLeases {
  readonly lost: Promise<Error>;
  private readonly held = new Set<number>();
  private readonly keys: number[];
  private readonly memberKey: number;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private closed = false;
  private fail: (error: Error) => void = () => undefined;

  private constructor(
    private readonly client: pg.Client,
    private readonly pid: number,
    private readonly options: PartitionLeaseOptions,
  ) {
    this.keys = Array.from({ length: options.count }, (_, index) => lockKey(this.partitionName(index)));
    this.memberKey = lockKey(`${options.name}:members`);
    this.lost = new Promise((resolve) => (this.fail = resolve));
    client.on('error', (error) => this.lose(error));
    client.once('end', () => this.lose(new Error('the partition lease session ended')));
  }

  static async join(options: PartitionLeaseOptions): Promise<PartitionLeases> {
    const client = new pg.Client({
      connectionString: options.connectionString,
      application_name: `credence partitions ${options.name}`.slice(0, 63),
    });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const leases = new PartitionLeases(client, rows[0]!.pid, options);
    await client.query('SELECT pg_advisory_lock_shared($1, $2)', [LEADER_LOCK_CLASS, leases.memberKey]);
    await leases.tick();
    leases.timer = setInterval(() => void leases.queueTick(), options.intervalMs ?? 1000);
    return leases;
  }

  /** The partitions this process leads now. */
  leading(): number[] {
    return [...this.held].sort((a, b) => a - b);
  }

  partitionName(index: number): string {
    return `${this.options.name}:${index}/${this.options.count}`;
  }

  /** Stops every partition's work, then ends the session (which frees the locks). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.ticking;
    for (const index of this.leading()) await this.handBack(index);
    await this.client.end().catch(() => undefined);
  }

  private queueTick(): Promise<void> {
    this.ticking = this.ticking.then(() => this.tick()).catch((error: Error) => this.lose(error));
    return this.ticking;
  }

  private async tick(): Promise<void> {
    if (this.closed) return;
    const { rows } = await this.client.query<{ pid: number; key: string }>(HOLDERS, [
      LEADER_LOCK_CLASS,
      [asOid(this.memberKey), ...this.keys.map(asOid)],
    ]);
    const members = rows.filter((row) => Number(row.key) === asOid(this.memberKey)).map((row) => row.pid);
    const takenByOthers = new Set(
      rows.filter((row) => row.pid !== this.pid).flatMap((row) => this.indexOf(Number(row.key))),
    );
    const share = fairShare(members, this.pid, this.options.count);
    const { release, claim } = rebalance(this.held, takenByOthers, share, this.options.count);
    for (const index of release) await this.handBack(index);
    for (const index of claim) await this.take(index);
  }

  private indexOf(oid: number): number[] {
    const index = this.keys.findIndex((key) => asOid(key) === oid);
    return index < 0 ? [] : [index];
  }

  private async take(index: number): Promise<void> {
    const { rows } = await this.client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [
      LEADER_LOCK_CLASS,
      this.keys[index],
    ]);
    if (!rows[0]!.locked) return;
    this.held.add(index);
    this.options.log?.(`leading ${this.partitionName(index)}`);
    await this.options.lead(index);
  }

  private async handBack(index: number): Promise<void> {
    await this.options.yield(index);
    this.held.delete(index);
    // A lost session has freed the lock already.
    await this.client
      .query('SELECT pg_advisory_unlock($1, $2)', [LEADER_LOCK_CLASS, this.keys[index]])
      .catch(() => undefined);
    this.options.log?.(`handed back ${this.partitionName(index)}`);
  }

  private lose(error: Error): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.fail(error);
  }
}
