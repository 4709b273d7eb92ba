import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { ProjectionConsumer, SqliteReadModelStore, rebuildProjections, recordProjections } from '#projections';
import { PROJECTIONS_CHECKPOINT } from '#runtime';
import { coveredCourse } from '../support/courses.js';
import { learnerBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

describe('rebuilding the projections from the log', () => {
  it('rebuilds read models identical to the live ones, from an empty read-model database', async () => {
    const clock = new TestClock('2026-11-23T09:00:00Z');
    let api = await TestApp.start({ clock });
    const courseId = await coveredCourse(api);
    const learnerIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const learnerId = (
        await api.request('POST', '/v1/learners', { body: learnerBody({ email: `l${i}@example.org` }) })
      ).body.id;
      learnerIds.push(learnerId);
      const enrolment = (
        await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-1' + i } })
      ).body;
      await api.request('POST', `/v1/enrolments/${enrolment.id}/submissions`, {
        token: api.token('learner', learnerId),
        body: { componentId: 'essay' },
      });
      await api.request('POST', `/v1/enrolments/${enrolment.id}/marks`, {
        token: api.token('tutor'),
        body: { componentId: 'essay', mark: 50 + i },
      });
    }
    const live = await Promise.all(learnerIds.map((id) => api.request('GET', `/v1/learners/${id}/record`)));
    await api.close();

    for (const suffix of ['', '-wal', '-shm']) rmSync(join(api.dataDir, `read-models.db${suffix}`), { force: true });
    const store = SqliteEventStore.open({ path: join(api.dataDir, 'events.db') });
    const readModels = new SqliteReadModelStore(join(api.dataDir, 'read-models.db'));
    const result = await rebuildProjections(
      store,
      new ProjectionConsumer(PROJECTIONS_CHECKPOINT, readModels, recordProjections),
      4,
    );
    expect(result.events).toBe(await store.headPosition());
    expect(await readModels.checkpoint(PROJECTIONS_CHECKPOINT)).toBe(result.events);
    await store.close();
    await readModels.close();

    api = await TestApp.start({ dataDir: api.dataDir, clock });
    const rebuilt = await Promise.all(learnerIds.map((id) => api.request('GET', `/v1/learners/${id}/record`)));
    expect(rebuilt.map((r) => r.body)).toEqual(live.map((r) => r.body));
    expect(rebuilt[4]!.body.enrolments[0].components[0].attempts[0].mark).toBe(54);
    await api.destroy();
  });
});
