import { TestApp } from '../support/test-app.js';

/** One runaway caller cannot take the service from everyone else. */
describe('rate limiting per caller', () => {
  let api: TestApp;
  const LIMIT = 5;

  beforeAll(async () => {
    api = await TestApp.start({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('answers the request over the budget with 429, Retry-After and the error shape, appending nothing', async () => {
    const token = api.token('registry', 'runaway-client');
    for (let i = 0; i < LIMIT; i++) expect((await api.request('GET', '/v1/boards/cases', { token })).status).toBe(200);
    const head = await api.store.headPosition();
    const response = await fetch(`${api.baseUrl}/v1/learners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ givenName: 'Over', familyName: 'Budget', email: 'over@example.org' }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: [expect.stringMatching(/^rate limit of 5 requests per minute exceeded; retry in /)],
    });
    expect(await api.store.headPosition()).toBe(head);
  });

  it('keeps other callers within their own budget', async () => {
    const other = api.token('registry', 'well-behaved-client');
    expect((await api.request('GET', '/v1/boards/cases', { token: other })).status).toBe(200);
  });

  it('never refuses health probes', async () => {
    for (let i = 0; i < LIMIT * 2; i++) expect((await api.request('GET', '/health', { token: null })).status).toBe(200);
  });
});
