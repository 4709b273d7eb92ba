import { learnerBody } from '../support/fixtures.js';
import { withSaboteur, type Saboteur } from '../support/saboteur.js';
import { TestApp, TestClock } from '../support/test-app.js';

describe('parked streams over HTTP', () => {
  let api: TestApp;
  let saboteur: Saboteur;

  beforeAll(async () => {
    const sabotaged = withSaboteur();
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z'), processes: sabotaged.processes });
    saboteur = sabotaged.saboteur();
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('lists a parked stream, reports it in /health and /metrics, and a retry replays it once fixed', async () => {
    expect((await api.request('GET', '/health', { token: null })).body).toMatchObject({
      status: 'ok',
      parkedStreams: 0,
    });
    const first = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
    saboteur.broken.add(`learner-${first}`);
    await api.request('POST', `/v1/learners/${first}/erasure`, { body: { reason: 'Erasure request' } });
    // Everyone else keeps flowing past the parked stream.
    const second = (await api.request('POST', '/v1/learners', { body: learnerBody({ email: 'b@example.org' }) })).body
      .id;
    const parked = await api.eventually<any[]>('/v1/operations/parked', (list) => list.length === 1);
    expect(parked[0]).toMatchObject({
      consumer: 'test:saboteur',
      streamId: `learner-${first}`,
      status: 'parked',
      event: { type: 'LearnerErased', streamVersion: 2 },
      error: `TypeError: cannot read properties of learner-${first}`,
      heldEvents: 0,
    });
    await api.eventually('/health', () => saboteur.handled.includes(`learner-${second}`));

    const health = (await api.request('GET', '/health', { token: null })).body;
    expect(health).toMatchObject({ status: 'degraded', parkedStreams: 1, projections: { lag: 0 } });
    expect(health.consumers).toContainEqual(
      expect.objectContaining({ name: 'test:saboteur', parked: 1, lag: expect.any(Number), detached: false }),
    );
    expect(health.consumers).toContainEqual(expect.objectContaining({ name: 'process:board-runner', parked: 0 }));
    const metrics = (await api.request('GET', '/metrics', { token: null })).body as string;
    expect(metrics).toContain('credence_parked_streams{consumer="test:saboteur"} 1');
    expect(metrics).toContain('credence_parked_streams{consumer="process:board-runner"} 0');
    expect(metrics).toMatch(/credence_consumer_lag_events\{consumer="test:saboteur"\} \d+/);

    const tutor = await api.request('POST', `/v1/operations/parked/${parked[0].id}/retry`, {
      token: api.token('tutor'),
    });
    expect(tutor.status).toBe(403);

    saboteur.broken.delete(`learner-${first}`);
    const retried = await api.request('POST', `/v1/operations/parked/${parked[0].id}/retry`);
    expect(retried).toMatchObject({ status: 200, body: { id: parked[0].id, status: 'resolved' } });
    expect(saboteur.handled.filter((s) => s === `learner-${first}`)).toHaveLength(2); // registered, then erased on retry
    expect((await api.request('GET', '/v1/operations/parked')).body).toEqual([]);
    expect((await api.request('GET', '/health', { token: null })).body).toMatchObject({
      status: 'ok',
      parkedStreams: 0,
    });

    const head = await api.store.headPosition();
    const again = await api.request('POST', `/v1/operations/parked/${parked[0].id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.message).toEqual([
      `stream learner-${first} is not parked for test:saboteur: a retry has already replayed it`,
    ]);
    const unknown = await api.request('POST', '/v1/operations/parked/0b6f9a52-3c1d-4e8f-9a7b-5d2c1e0f4a93/retry');
    expect(unknown.status).toBe(404);
    expect(await api.store.headPosition()).toBe(head);
  });
});
