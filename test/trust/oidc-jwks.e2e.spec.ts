import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { courseBody } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';

const ISSUER = 'https://idp.test.example';
const AUDIENCE = 'credence-records';

/** Production sign-in: tokens from an OIDC provider, verified against its published JWKS. */
describe('OIDC bearer tokens verified against the provider JWKS', () => {
  let api: TestApp;
  let idp: Server;
  let signingKey: CryptoKey;
  let jwksRequests = 0;

  // Claims given here override the provider's defaults (iss, aud, sub, roles).
  const token = (
    claims: Record<string, unknown>,
    options: { key?: CryptoKey; kid?: string; expiresIn?: string } = {},
  ) =>
    new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'registrar-oidc-1', roles: ['registry'], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'current' })
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? signingKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    const jwks = JSON.stringify({
      keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'current', alg: 'RS256', use: 'sig' }],
    });
    idp = createServer((_request, response) => {
      jwksRequests++;
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const { port } = idp.address() as AddressInfo;
    api = await TestApp.start({
      env: {
        AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
        AUTH_JWT_ISSUER: ISSUER,
        AUTH_JWT_AUDIENCE: AUDIENCE,
      },
    });
  });
  afterAll(async () => {
    await api?.destroy();
    await new Promise((resolve) => idp?.close(resolve));
  });

  it('accepts a token signed by the provider and records its subject as the actor', async () => {
    const created = await api.request('POST', '/v1/courses', { token: await token({}), body: courseBody() });
    expect(created.status).toBe(201);
    const [event] = await api.store.read(`course-${created.body.id}`);
    expect(event!.metadata).toMatchObject({ actor: 'registrar-oidc-1', role: 'registry' });
    expect(jwksRequests).toBeGreaterThanOrEqual(1);
  });

  it('still enforces the role in the token', async () => {
    const response = await api.request('POST', '/v1/courses', {
      token: await token({ roles: ['learner'] }),
      body: courseBody(),
    });
    expect(response.status).toBe(403);
  });

  const refusals: [string, () => Promise<string>, RegExp][] = [
    ['an expired token', () => token({}, { expiresIn: '-1m' }), /token expired/],
    ['another issuer', () => token({ iss: 'https://evil.example' }), /token iss claim rejected/],
    ['another audience', () => token({ aud: 'someone-else' }), /token aud claim rejected/],
    [
      'a key the provider never published',
      async () => token({}, { key: (await generateKeyPair('RS256')).privateKey, kid: 'rogue' }),
      /unknown key/,
    ],
    [
      'the published key id over a forged signature',
      async () => token({}, { key: (await generateKeyPair('RS256')).privateKey }),
      /bad signature/,
    ],
    [
      'an HS256 token (no local secret is accepted once a provider is configured)',
      async () => api.token('registry'),
      /unsupported algorithm/,
    ],
  ];

  it.each(refusals)('refuses %s with a 401 saying why, appending nothing', async (_case, makeToken, reason) => {
    const head = await api.store.headPosition();
    const response = await api.request('POST', '/v1/courses', { token: await makeToken(), body: courseBody() });
    expect(response.status).toBe(401);
    expect(response.body.message.join(' ')).toMatch(reason);
    expect(await api.store.headPosition()).toBe(head);
  });
});
