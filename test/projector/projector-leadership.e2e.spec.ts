import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { courseDecider, streams, systemClock, type DefineCourse } from '#domain';
import { decideAndAppend, PostgresEventStore } from '#event-store';
import { COLLECTIONS, PostgresReadModelStore } from '#projections';
import { PROJECTIONS_CHECKPOINT, WORKSPACE_CHECKPOINT } from '#runtime';
import { courseBody, learnerBody } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import { LiveChanges } from '../../apps/records-api/src/infrastructure/live-changes.js';
import { ensureBuilt, SystemProcess } from '../support/built-system.js';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor } from '../support/postgres.js';

/**
 * Two projector processes on one PostgreSQL (as deploy/k8s runs them): one leads and builds the read
 * models, the other stands by without applying anything, and takes over when the leader is killed.
 */
if (postgresAvailableFor('projector leader election')) {
  describe('projector replicas on PostgreSQL', () => {
    const schema = freshSchema('credence_projector');
    const projectors: SystemProcess[] = [];
    let store: PostgresEventStore;
    let readModels: PostgresReadModelStore;
    const start = () => {
      const projector = SystemProcess.spawn('dist/apps/projector/src/main.js', {
        EVENT_STORE: 'postgres',
        DATABASE_URL,
        DATABASE_SCHEMA: schema,
      });
      projectors.push(projector);
      return projector;
    };
    const defineCourse = async (): Promise<string> => {
      const courseId = randomUUID();
      await decideAndAppend(
        store,
        systemClock,
        courseDecider,
        streams.course(courseId),
        { type: 'DefineCourse', data: { ...courseBody(), courseId } as DefineCourse['data'] },
        () => ({
          actor: 'registry-1',
          role: 'registry',
          correlationId: randomUUID(),
          causationId: null,
          occurredAt: new Date().toISOString(),
        }),
      );
      return courseId;
    };
    /** Both read-model checkpoints at the log's head, within a few seconds. */
    const projectedToHead = async (): Promise<void> => {
      const head = await store.headPosition();
      for (const deadline = Date.now() + 10_000; ; await sleep(50)) {
        const positions = await Promise.all(
          [PROJECTIONS_CHECKPOINT, WORKSPACE_CHECKPOINT].map((name) => readModels.checkpoint(name)),
        );
        if (positions.every((position) => position === head)) return;
        if (Date.now() > deadline) throw new Error(`read models at ${positions.join(', ')}, the log at ${head}`);
      }
    };

    beforeAll(async () => {
      await ensureBuilt();
      store = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema });
      readModels = await PostgresReadModelStore.connect({ connectionString: DATABASE_URL, schema });
    }, 180_000);
    afterAll(async () => {
      await Promise.all(projectors.map((p) => p.stop('SIGKILL')));
      await store?.close();
      await readModels?.close();
      await dropSchema(schema);
    });

    it('projects in one leader only; the standby takes over from its checkpoint when the leader dies', async () => {
      const first = start();
      await first.printed(/leading as the one projector/);
      await first.printed(/following the postgres event store from position 0/);
      const second = start();
      await second.printed(/another projector leads; standing by/);

      const before = await defineCourse();
      await projectedToHead();
      expect(await readModels.get(COLLECTIONS.courses, before)).toMatchObject({ courseId: before });
      // The standby neither leads nor follows the log: only the leader applied the batch.
      expect(second.output).not.toMatch(/leading as the one projector|following the/);

      const reached = await store.headPosition();
      await first.stop('SIGKILL');
      await second.printed(/leading as the one projector/, 15_000);
      await second.printed(new RegExp(`following the postgres event store from position ${reached}\\b`));
      const after = await defineCourse();
      await projectedToHead();
      expect(await readModels.get(COLLECTIONS.courses, after)).toMatchObject({ courseId: after });
    }, 60_000);

    it('lets an API process on the shared read models only read what the projector builds', async () => {
      const env = { EVENT_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: schema, CONSISTENCY_WAIT_MS: '5000' };
      const api = await TestApp.start({ env, processes: () => [], playsProjector: false, webRoot: false });
      try {
        const leader = projectors.find((p) => p.running)!;
        // Read-your-writes through the projector's checkpoints.
        const readable = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
        expect((await api.request('GET', `/v1/learners/${readable}/record`)).status).toBe(200);
        const health = (await api.request('GET', '/health')).body;
        expect(health.consumers.map((c: { name: string }) => c.name)).not.toContain(PROJECTIONS_CHECKPOINT);

        // Its live views follow the log from when the first one opens (before, it reads no events).
        const heard: string[] = [];
        const stopListening = api.app.get(LiveChanges).listen((change) => heard.push(change.type));
        await api.request('POST', '/v1/learners', { body: learnerBody() });
        for (const deadline = Date.now() + 5_000; !heard.includes('LearnerRegistered'); await sleep(20)) {
          if (Date.now() > deadline) throw new Error(`the replica's live view heard only ${heard.join(', ')}`);
        }
        stopListening();

        // With no projector running, nothing builds the read models: the API does not.
        await leader.stop('SIGKILL');
        const unread = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
        expect((await api.request('GET', `/v1/learners/${unread}/record`)).status).toBe(404);
        const next = start();
        await next.printed(/leading as the one projector/, 15_000);
        await projectedToHead();
        expect((await api.request('GET', `/v1/learners/${unread}/record`)).status).toBe(200);
      } finally {
        await api.destroy();
      }
    }, 60_000);
  });
}
