import { ensureBuilt, SystemProcess } from '../support/built-system.js';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor } from '../support/postgres.js';

/**
 * Two board-runner processes on one PostgreSQL (as deploy/k8s runs them): one leads, the other stands
 * by, and takes over when the leader is killed.
 */
if (postgresAvailableFor('board-runner leader election')) {
  describe('board-runner replicas on PostgreSQL', () => {
    const schema = freshSchema('credence_leader');
    const replicas: SystemProcess[] = [];
    const start = () => {
      const replica = SystemProcess.spawn('dist/apps/board-runner/src/main.js', {
        EVENT_STORE: 'postgres',
        DATABASE_URL,
        DATABASE_SCHEMA: schema,
        AUTH_JWT_SECRET: 'leader-election-test-secret-0123456789',
      });
      replicas.push(replica);
      return replica;
    };

    beforeAll(ensureBuilt, 180_000);
    afterAll(async () => {
      await Promise.all(replicas.map((r) => r.stop('SIGKILL')));
      await dropSchema(schema);
    });

    it('runs one leader; the standby takes over when the leader dies', async () => {
      const first = start();
      await first.printed(/leading as the one board-runner/);
      await first.printed(/following the postgres event store/);
      const second = start();
      await second.printed(/another board-runner leads; standing by/);
      expect(second.output).not.toMatch(/leading as the one board-runner/);

      await first.stop('SIGKILL');
      await second.printed(/leading as the one board-runner/, 15_000);
      await second.printed(/following the postgres event store/);
    }, 60_000);
  });
}
