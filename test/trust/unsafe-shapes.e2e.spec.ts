import { learnerBody } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';

/** Regressions found by the fuzzer: each used to be a 500, an accepted unknown field, or an off-shape error. */
describe('unsafe request shapes', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start({ processes: () => [] });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  const deep = (depth: number) =>
    JSON.stringify(learnerBody({ givenName: '__deep__' })).replace('"__deep__"', '['.repeat(depth) + ']'.repeat(depth));

  it.each([[64], [20_000]])(
    'refuses a field nested %i levels deep with a 400 naming it (was a 500: stack overflow)',
    async (depth) => {
      const response = await api.request('POST', '/v1/learners', { rawBody: deep(depth) });
      expect(response).toMatchObject({
        status: 400,
        body: { message: ['givenName is nested too deeply (at most 32 levels)'] },
      });
    },
  );

  it('refuses a deep body sent with an Idempotency-Key the same way (was a 500 while fingerprinting)', async () => {
    const response = await api.request('POST', '/v1/learners', {
      rawBody: deep(20_000),
      headers: { 'Idempotency-Key': 'deep' },
    });
    expect(response.status).toBe(400);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'prototype'])(
    'refuses an unknown field named %s (was silently dropped)',
    async (name) => {
      const head = await api.store.headPosition();
      const response = await api.request('POST', '/v1/learners', {
        rawBody: JSON.stringify({ ...learnerBody(), [name]: 1 }),
      });
      expect(response).toMatchObject({ status: 400, body: { message: [`${name} is not an allowed field`] } });
      expect(await api.store.headPosition()).toBe(head);
    },
  );

  it('refuses an unknown query parameter named constructor like any other', async () => {
    const response = await api.request('GET', '/v1/boards/cases?constructor=x');
    expect(response).toMatchObject({ status: 400, body: { message: ['constructor is not an allowed field'] } });
  });

  it('answers an over-long path id and a malformed URL in the error shape', async () => {
    const long = await api.request('GET', `/v1/enrolments/${'x'.repeat(200)}`);
    expect(long).toMatchObject({
      status: 414,
      body: { statusCode: 414, error: 'URI Too Long', message: [expect.any(String)] },
    });
    const malformed = await api.request('GET', '/v1/enrolments/%E0%A4%A');
    expect(malformed).toMatchObject({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: [expect.any(String)] },
    });
  });
});
