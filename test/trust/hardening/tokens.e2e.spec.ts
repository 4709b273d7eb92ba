import { hs256Verifier, signHs256 } from '#records-api';
import { TEST_SECRET, TestApp } from '../../support/test-app.js';

const registryToken = (claims: Record<string, unknown> = {}) =>
  signHs256({ sub: 'registry-1', roles: ['registry'], ...claims }, TEST_SECRET);

describe('HS256 tokens: strict encoding and expiry', () => {
  const verifier = hs256Verifier(TEST_SECRET);
  const valid = registryToken();

  it('accepts a well-formed token', async () => {
    await expect(verifier.verify(valid)).resolves.toEqual({ sub: 'registry-1', roles: ['registry'] });
  });

  it.each([
    ['padding', '='],
    ['two padding characters', '=='],
    ['characters outside base64url', '$$'],
    ['a standard-base64 character', '+'],
    ['a trailing space', ' '],
    ['a non-ASCII letter', 'é'],
  ])('refuses a valid token with %s appended to its signature', async (_what, junk) => {
    await expect(verifier.verify(`${valid}${junk}`)).rejects.toThrow();
  });

  it('refuses a signature whose unused final bits were changed (a second spelling of the same bytes)', async () => {
    const [header, payload, signature] = valid.split('.') as [string, string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.at(-1)!);
    const respelled = `${header}.${payload}.${signature.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(respelled.split('.')[2]!, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
    await expect(verifier.verify(respelled)).rejects.toThrow();
  });

  it('refuses a token without exp', async () => {
    await expect(verifier.verify(registryToken({ exp: undefined }))).rejects.toThrow(/exp/);
  });

  it.each([
    ['a string in the past', '1000000000'],
    ['a string in the future', String(Math.floor(Date.now() / 1000) + 3600)],
    ['null', null],
  ])('refuses a token whose exp is %s', async (_what, exp) => {
    await expect(verifier.verify(registryToken({ exp }))).rejects.toThrow(/exp/);
  });

  it('answers such tokens with 401 over HTTP', async () => {
    const api = await TestApp.start({ processes: () => [] });
    try {
      for (const token of [`${valid}=`, registryToken({ exp: undefined }), registryToken({ exp: '1000000000' })])
        expect((await api.request('GET', '/v1/courses', { token })).status).toBe(401);
    } finally {
      await api.destroy();
    }
  });
});

describe('rate limits per verified caller', () => {
  const LIMIT = 5;
  let api: TestApp;
  beforeEach(async () => {
    api = await TestApp.start({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) }, processes: () => [] });
  });
  afterEach(async () => {
    await api?.destroy();
  });

  it('counts anonymous callers by address, whatever junk Authorization header they send', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++)
      statuses.push(
        (await api.request('GET', '/v1/courses', { token: null, headers: { authorization: `Bearer junk-${i}` } }))
          .status,
      );
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429]);
  });

  it('counts a caller by its verified subject: fresh tokens, or a token with junk appended, are no new caller', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++)
      statuses.push((await api.request('GET', '/v1/courses', { token: registryToken({ jti: `t-${i}` }) })).status);
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    expect((await api.request('GET', '/v1/courses', { token: registryToken({ jti: 'another' }) })).status).toBe(429);
    expect((await api.request('GET', '/v1/courses', { token: `${registryToken()}=` })).status).not.toBe(200);
    // Another subject has a budget of its own.
    expect(
      (await api.request('GET', '/v1/courses', { token: signHs256({ sub: 'tutor-9', roles: ['tutor'] }, TEST_SECRET) }))
        .status,
    ).toBe(200);
  });
});
