import { jest } from '@jest/globals';
import { coveredCourse } from '../support/courses.js';
import { courseBody, learnerBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';
import {
  IDEMPOTENCY_STORE,
  type IdempotencyStore,
} from '../../apps/records-api/src/http/idempotency/idempotency-store.port.js';

/** A retried POST with the same Idempotency-Key gets the first outcome back and appends nothing. */
describe('Idempotency-Key', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z') });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  const withKey = (key: string, options: { body?: unknown; token?: string } = {}) => ({
    ...options,
    headers: { 'Idempotency-Key': key },
  });
  const registeredLearners = async (after: number) => {
    let count = 0;
    for await (const _event of api.store.readAll(after, { eventTypes: ['LearnerRegistered'] })) count++;
    return count;
  };

  it('answers a retry with the original status and body, appending nothing', async () => {
    const body = learnerBody();
    const first = await api.request('POST', '/v1/learners', withKey('register-amira-1', { body }));
    expect(first.status).toBe(201);
    const head = await api.store.headPosition();
    const retry = await api.request('POST', '/v1/learners', withKey('register-amira-1', { body }));
    expect(retry).toEqual(first);
    expect(await api.store.headPosition()).toBe(head);
  });

  it('marks a replayed answer with Idempotent-Replayed: true', async () => {
    const body = learnerBody();
    const send = () =>
      fetch(`${api.baseUrl}/v1/learners`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${api.token('registry')}`,
          'content-type': 'application/json',
          'Idempotency-Key': 'replay-header',
        },
        body: JSON.stringify(body),
      });
    expect((await send()).headers.get('idempotent-replayed')).toBeNull();
    expect((await send()).headers.get('idempotent-replayed')).toBe('true');
  });

  it('treats a body with its keys in another order as the same request', async () => {
    const body = learnerBody({ email: 'order@example.org' });
    const first = await api.request('POST', '/v1/learners', withKey('key-order', { body }));
    const reordered = { email: body.email, familyName: body.familyName, givenName: body.givenName };
    const retry = await api.request('POST', '/v1/learners', withKey('key-order', { body: reordered }));
    expect(retry).toEqual(first);
  });

  it('refuses the same key with a different body or path with a 409, appending nothing', async () => {
    await api.request('POST', '/v1/learners', withKey('reused-key', { body: learnerBody({ email: 'a@example.org' }) }));
    const head = await api.store.headPosition();
    const otherBody = await api.request(
      'POST',
      '/v1/learners',
      withKey('reused-key', { body: learnerBody({ email: 'b@example.org' }) }),
    );
    expect(otherBody).toEqual({
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: ['Idempotency-Key reused with a different request'] },
    });
    const otherPath = await api.request('POST', '/v1/courses', withKey('reused-key', { body: courseBody() }));
    expect(otherPath.status).toBe(409);
    expect(await api.store.headPosition()).toBe(head);
  });

  it('keeps keys of different principals apart', async () => {
    const mine = await api.request(
      'POST',
      '/v1/learners',
      withKey('shared-key', { body: learnerBody(), token: api.token('registry', 'registry-a') }),
    );
    const theirs = await api.request(
      'POST',
      '/v1/learners',
      withKey('shared-key', { body: learnerBody(), token: api.token('registry', 'registry-b') }),
    );
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it.each([
    ['an empty key', ''],
    ['a key with spaces', 'my key'],
    ['a key with a slash', 'a/b'],
    ['a 201-character key', 'k'.repeat(201)],
  ])('refuses %s with a 400 naming the header, appending nothing', async (_name, key) => {
    const head = await api.store.headPosition();
    const response = await api.request('POST', '/v1/learners', withKey(key, { body: learnerBody() }));
    expect(response).toMatchObject({
      status: 400,
      body: { statusCode: 400, message: [expect.stringMatching(/^Idempotency-Key must be/)] },
    });
    expect(await api.store.headPosition()).toBe(head);
  });

  it('accepts a 200-character key of every allowed character', async () => {
    const key = 'Az09_.:-'.repeat(25);
    const response = await api.request('POST', '/v1/learners', withKey(key, { body: learnerBody() }));
    expect(response.status).toBe(201);
  });

  describe('on an enrolment', () => {
    let enrolmentId: string;
    const tutor = () => api.token('tutor', 'tutor-7');

    beforeAll(async () => {
      const courseId = await coveredCourse(api, { tutorIds: ['tutor-7'] });
      const learnerId = (
        await api.request('POST', '/v1/learners', { body: learnerBody({ email: 'marked@example.org' }) })
      ).body.id;
      enrolmentId = (
        await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
      ).body.id;
      await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, { body: { componentId: 'essay' } });
    });

    it('records a retried mark once', async () => {
      const mark = () =>
        api.request(
          'POST',
          `/v1/enrolments/${enrolmentId}/marks`,
          withKey('mark-essay-1', { body: { componentId: 'essay', mark: 64 }, token: tutor() }),
        );
      const first = await mark();
      expect(first).toMatchObject({ status: 201, body: { componentId: 'essay', attempt: 1, mark: 64 } });
      const head = await api.store.headPosition();
      expect(await mark()).toEqual(first);
      expect(await api.store.headPosition()).toBe(head);
    });

    it('replays a rejection too, even after the state has changed', async () => {
      const mark = () =>
        api.request(
          'POST',
          `/v1/enrolments/${enrolmentId}/marks`,
          withKey('mark-exam-1', { body: { componentId: 'exam', mark: 58 }, token: tutor() }),
        );
      const rejected = await mark();
      expect(rejected).toMatchObject({ status: 409, body: { message: ['no submission of exam is awaiting a mark'] } });
      await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, { body: { componentId: 'exam' } });
      expect(await mark()).toEqual(rejected);
    });
  });

  it('runs the command once when five identical requests arrive together', async () => {
    const head = await api.store.headPosition();
    const body = learnerBody({ email: 'concurrent@example.org' });
    // A slow store lookup holds every request in the race window; without the in-flight map all five would run.
    const store = api.app.get<IdempotencyStore>(IDEMPOTENCY_STORE);
    const find = store.find.bind(store);
    const slowFind = jest.spyOn(store, 'find').mockImplementation(async (scope) => {
      const found = await find(scope);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return found;
    });
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => api.request('POST', '/v1/learners', withKey('concurrent-1', { body }))),
    ).finally(() => slowFind.mockRestore());
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await registeredLearners(head)).toBe(1);
  });

  describe('when the process died after appending but before recording the answer', () => {
    // Simulates the crash window: the command's events are in the store, its idempotency record is not.
    const losingTheRecord = () => {
      const store = api.app.get<IdempotencyStore>(IDEMPOTENCY_STORE);
      return jest.spyOn(store, 'save').mockResolvedValueOnce(undefined);
    };

    it('answers a retried registration with the same learner, appending nothing', async () => {
      const lost = losingTheRecord();
      const body = learnerBody({ email: 'crash-window@example.org' });
      const first = await api.request('POST', '/v1/learners', withKey('crash-register', { body }));
      lost.mockRestore();
      expect(first.status).toBe(201);
      const head = await api.store.headPosition();
      const retry = await api.request('POST', '/v1/learners', withKey('crash-register', { body }));
      expect(retry).toMatchObject({ status: 201, body: { id: first.body.id } });
      expect(await api.store.headPosition()).toBe(head);
    });

    it('answers a retried enrolment with the same enrolment, appending nothing', async () => {
      const courseId = await coveredCourse(api);
      const learnerId = (
        await api.request('POST', '/v1/learners', { body: learnerBody({ email: 'crash-enrol@example.org' }) })
      ).body.id;
      const enrol = () =>
        api.request(
          'POST',
          '/v1/enrolments',
          withKey('crash-enrol', { body: { learnerId, courseId, startDate: '2026-11-23' } }),
        );
      const lost = losingTheRecord();
      const first = await enrol();
      lost.mockRestore();
      expect(first.status).toBe(201);
      const head = await api.store.headPosition();
      expect(await enrol()).toEqual(first);
      expect(await api.store.headPosition()).toBe(head);
    });
  });

  it('answers a retry from the record after a restart', async () => {
    const first = await TestApp.start();
    const body = learnerBody();
    const register = (app: TestApp) => app.request('POST', '/v1/learners', withKey('before-restart', { body }));
    const original = await register(first);
    expect(original.status).toBe(201);
    const head = await first.store.headPosition();
    await first.close();
    const restarted = await TestApp.start({ dataDir: first.dataDir });
    try {
      expect(await register(restarted)).toEqual(original);
      expect(await restarted.store.headPosition()).toBe(head);
    } finally {
      await restarted.destroy();
    }
  });
});
