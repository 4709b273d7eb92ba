import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '#event-store';
import { SqliteReadModelStore } from '#projections';
import { readModelConsumers } from '#runtime';
import { coveredCourse } from '../support/courses.js';
import { learnerBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

/**
 * A subscription may deliver a batch again (a crash after the commit, a lagging replica): the read
 * models must not change, although WorkSubmitted adds an attempt each time it is applied.
 */
describe('a redelivered batch', () => {
  it('leaves every read model as it was', async () => {
    const clock = new TestClock('2026-11-23T09:00:00Z');
    let api = await TestApp.start({ clock });
    const courseId = await coveredCourse(api);
    const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
    const enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-10' } })
    ).body.id;
    await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
      token: api.token('learner', learnerId),
      body: { componentId: 'essay' },
    });
    const views = () =>
      Promise.all(
        [
          `/v1/learners/${learnerId}/record`,
          `/v1/enrolments/${enrolmentId}`,
          `/v1/courses/${courseId}/monitoring`,
          `/v1/learners/${learnerId}/timeline`,
        ].map(async (path) => (await api.request('GET', path)).body),
      );
    const before = await views();
    expect(before[0].enrolments[0].components[0].attempts).toHaveLength(1);
    await api.close();

    const store = SqliteEventStore.open({ path: join(api.dataDir, 'events.db') });
    const readModels = new SqliteReadModelStore(join(api.dataDir, 'read-models.db'));
    const log: RecordedEvent[] = [];
    for await (const event of store.readAll(0)) log.push(event);
    // The batch that delivered the submission (after the enrolment began, so nothing folds it afresh).
    const batch = log.filter((event) => event.type === 'WorkSubmitted');
    expect(batch).toHaveLength(1);
    try {
      for (const consumer of readModelConsumers(readModels)) {
        const checkpoint = await consumer.position();
        await consumer.handle(batch);
        await consumer.handle(batch);
        expect(await consumer.position()).toBe(checkpoint);
      }
    } finally {
      await store.close();
      await readModels.close();
    }

    api = await TestApp.start({ dataDir: api.dataDir, clock });
    try {
      expect(await views()).toEqual(before);
    } finally {
      await api.destroy();
    }
  });
});
