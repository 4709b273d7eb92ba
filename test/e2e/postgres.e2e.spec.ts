import { boardBody, courseBody, learnerBody } from '../support/fixtures.js';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor } from '../support/postgres.js';
import { TestApp, TestClock } from '../support/test-app.js';

/** The whole system with EVENT_STORE=postgres: event store and read models in PostgreSQL. */
if (postgresAvailableFor('records API on PostgreSQL')) {
  describe('records API on PostgreSQL', () => {
    const schema = freshSchema('credence_e2e');
    const env = { EVENT_STORE: 'postgres', DATABASE_URL, DATABASE_SCHEMA: schema };
    const clock = new TestClock('2026-11-23T09:00:00Z');
    let api: TestApp;

    beforeAll(async () => {
      api = await TestApp.start({ clock, env });
    });
    afterAll(async () => {
      await api?.destroy();
      await dropSchema(schema);
    });

    it('runs course -> enrolment -> marks -> delegated confirmation -> award, and keeps it across a restart', async () => {
      const courseId = (await api.request('POST', '/v1/courses', { body: courseBody() })).body.id;
      expect((await api.request('POST', '/v1/boards', { body: boardBody([courseId]) })).status).toBe(201);
      const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
      const enrolment = await api.request('POST', '/v1/enrolments', {
        body: { learnerId, courseId, startDate: '2026-11-23' },
      });
      expect(enrolment.body.deadline).toBe('2027-03-23');
      for (const [componentId, mark] of [
        ['essay', 64],
        ['exam', 66],
      ] as const) {
        await api.request('POST', `/v1/enrolments/${enrolment.body.id}/submissions`, {
          token: api.token('learner', learnerId),
          body: { componentId },
        });
        expect(
          (
            await api.request('POST', `/v1/enrolments/${enrolment.body.id}/marks`, {
              token: api.token('tutor'),
              body: { componentId, mark },
            })
          ).status,
        ).toBe(201);
      }
      const record = await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1);
      expect(record.credits).toEqual({ cats: 15, ects: 7.5 });
      expect((await api.store.read(`enrolment-${enrolment.body.id}`)).at(-1)?.type).toBe('OutcomeConfirmed');

      await api.close();
      api = await TestApp.start({ clock, env, dataDir: api.dataDir });
      const again = await api.request('GET', `/v1/learners/${learnerId}/record`);
      expect(again.body).toEqual(record);
    });
  });
}
