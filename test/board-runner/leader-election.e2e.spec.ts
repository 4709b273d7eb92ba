import { setTimeout as sleep } from 'node:timers/promises';
import { ensureBuilt, SystemProcess } from '../support/built-system.js';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor } from '../support/postgres.js';

/**
 * Board-runner processes on one PostgreSQL (as deploy/k8s runs them): the micro-board's partitions
 * are shared out between the live processes, one leader each; a process that joins takes its share,
 * and when one is killed the others take its partitions over.
 */
if (postgresAvailableFor('board-runner leader election')) {
  describe('board-runner replicas on PostgreSQL', () => {
    const schema = freshSchema('credence_leader');
    const replicas: SystemProcess[] = [];
    const start = (partitions: number) => {
      const replica = SystemProcess.spawn('dist/apps/board-runner/src/main.js', {
        EVENT_STORE: 'postgres',
        DATABASE_URL,
        DATABASE_SCHEMA: schema,
        BOARD_RUNNER_PARTITIONS: String(partitions),
        AUTH_JWT_SECRET: 'leader-election-test-secret-0123456789',
      });
      replicas.push(replica);
      return replica;
    };
    /** The partitions a process leads now, from what it has logged (taken and handed back, in order). */
    const leading = (replica: SystemProcess): number[] => {
      const held = new Set<number>();
      for (const [, verb, index] of replica.output.matchAll(/(leading|handed back) \w+:board-runner:(\d+)\/\d+/g))
        if (verb === 'leading') held.add(Number(index));
        else held.delete(Number(index));
      return [...held].sort();
    };
    const settles = async (expected: () => boolean, describe: () => string, timeoutMs = 10_000) => {
      for (const deadline = Date.now() + timeoutMs; !expected(); await sleep(50))
        if (Date.now() > deadline) throw new Error(`not settled in ${timeoutMs} ms: ${describe()}`);
    };

    beforeAll(ensureBuilt, 180_000);
    afterEach(async () => {
      await Promise.all(replicas.splice(0).map((r) => r.stop('SIGKILL')));
    });
    afterAll(() => dropSchema(schema));

    it('with one partition, runs one leader; the standby takes over when the leader dies', async () => {
      const first = start(1);
      await first.printed(/leading \w+:board-runner:0\/1/);
      await first.printed(/process:board-runner following the postgres event store/);
      const second = start(1);
      await sleep(2500);
      expect(leading(second)).toEqual([]);

      const killedAt = Date.now();
      await first.stop('SIGKILL');
      await second.printed(/process:board-runner following the postgres event store/, 15_000);
      expect(Date.now() - killedAt).toBeLessThan(5000);
    }, 60_000);

    it('shares four partitions between two processes, and hands a killed one’s over within seconds', async () => {
      const first = start(4);
      await settles(
        () => leading(first).length === 4,
        () => first.output,
      );
      const second = start(4);
      const both = () => `first leads ${leading(first)}, second ${leading(second)}\n${first.output}\n${second.output}`;
      await settles(() => leading(first).length === 2 && leading(second).length === 2, both);
      expect(new Set([...leading(first), ...leading(second)]).size).toBe(4);
      expect(second.output).toMatch(/process:board-runner:\d\/4 following the postgres event store/);

      const killedAt = Date.now();
      await first.stop('SIGKILL');
      await settles(() => leading(second).length === 4, both);
      expect(Date.now() - killedAt).toBeLessThan(5000);
    }, 60_000);
  });
}
