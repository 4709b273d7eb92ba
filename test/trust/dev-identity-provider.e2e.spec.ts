import * as oauth from 'oauth4webapi';
import { freePort } from '../support/built-system.js';
import { TestApp } from '../support/test-app.js';

const CLIENT: oauth.Client = { client_id: 'credence-web' };
const PUBLIC_CLIENT = oauth.None();
// The provider runs on loopback http, as `npm start` does.
const LOOPBACK = { [oauth.allowInsecureRequests]: true };

/** A browser's cookies for one origin, enough to carry the provider's interaction and session cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  keep(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }
  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * The development identity provider `npm start` runs under /oidc: discovery, the authorization code
 * flow with PKCE driven by a real OIDC client library (oauth4webapi) and its login form, the API
 * accepting the tokens it issues, renewal by refresh token, and refusals.
 */
describe('development identity provider (AUTH_DEV_PROVIDER=on)', () => {
  let api: TestApp;
  let server: oauth.AuthorizationServer;
  let redirectUri: string;

  beforeAll(async () => {
    const port = await freePort();
    api = await TestApp.start({ env: { PORT: String(port), AUTH_DEV_PROVIDER: 'on' }, webRoot: false });
    redirectUri = `${api.baseUrl}/sign-in/callback`;
    const issuer = new URL(`${api.baseUrl}/oidc`);
    server = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, LOOPBACK));
  });
  afterAll(async () => {
    await api?.destroy();
  });

  /** Follows the browser's way from the authorization request through the login form to the callback. */
  const authorize = async (form: Record<string, string>, verifier: string) => {
    const jar = new CookieJar();
    const url = new URL(server.authorization_endpoint!);
    url.search = new URLSearchParams({
      client_id: CLIENT.client_id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid api',
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: 'state-1',
    }).toString();
    const go = async (to: string, init: RequestInit = {}) => {
      const response = await fetch(new URL(to, api.baseUrl), {
        ...init,
        redirect: 'manual',
        headers: { ...init.headers, cookie: jar.header },
      });
      jar.keep(response);
      return response;
    };
    const toLogin = await go(url.href);
    expect(toLogin.status).toBe(303);
    const loginUrl = toLogin.headers.get('location')!;
    const page = await go(loginUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sign in as');
    const posted = await go(loginUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    if (posted.status !== 303) return { refused: posted.status, page: await posted.text() };
    const back = await go(posted.headers.get('location')!);
    expect(back.status).toBe(303);
    return { callback: new URL(back.headers.get('location')!) };
  };

  const signIn = async (form: Record<string, string>) => {
    const verifier = oauth.generateRandomCodeVerifier();
    const { callback } = await authorize(form, verifier);
    const params = oauth.validateAuthResponse(server, CLIENT, callback!, 'state-1');
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      CLIENT,
      PUBLIC_CLIENT,
      params,
      redirectUri,
      verifier,
      LOOPBACK,
    );
    return oauth.processAuthorizationCodeResponse(server, CLIENT, response);
  };

  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

  it('publishes its discovery document under /oidc: code flow with S256 PKCE, refresh tokens, end session', () => {
    expect(server).toMatchObject({
      issuer: `${api.baseUrl}/oidc`,
      authorization_endpoint: `${api.baseUrl}/oidc/auth`,
      token_endpoint: `${api.baseUrl}/oidc/token`,
      jwks_uri: `${api.baseUrl}/oidc/jwks`,
      end_session_endpoint: `${api.baseUrl}/oidc/session/end`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(server.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
  });

  it('advertises only what its client may use: the code response type in the query, no implicit grant', () => {
    expect(server.response_types_supported).toEqual(['code']);
    expect(server.response_modes_supported).toEqual(['query']);
    expect([...server.grant_types_supported!].sort()).toEqual(['authorization_code', 'refresh_token']);
  });

  /** How the provider answers an authorization request with these parameters (PKCE included). */
  const answerTo = async (params: Record<string, string>) => {
    const url = new URL(server.authorization_endpoint!);
    url.search = new URLSearchParams({
      client_id: CLIENT.client_id,
      redirect_uri: redirectUri,
      scope: 'openid api',
      code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()),
      code_challenge_method: 'S256',
      nonce: 'nonce-1',
      ...params,
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    const location = response.headers.get('location');
    return { status: response.status, location, page: location ? '' : await response.text() };
  };

  /** The parameters an authorization answer sends back to the client, in its query or fragment. */
  const returned = (location: string | null) => {
    const url = new URL(location!);
    return Object.fromEntries(new URLSearchParams(url.search || url.hash.slice(1)));
  };

  it.each([['id_token'], ['code id_token'], ['id_token token']])(
    'refuses the implicit or hybrid response type %s: an error, no token',
    async (responseType) => {
      for (const mode of [{}, { response_mode: 'query' }] as Record<string, string>[]) {
        const answer = await answerTo({ response_type: responseType, ...mode });
        expect(answer.status).toBe(303);
        const params = returned(answer.location);
        expect(params).toMatchObject({
          error: 'invalid_request',
          error_description: expect.stringMatching(/response_mode/),
        });
        expect(Object.keys(params)).not.toEqual(expect.arrayContaining(['code']));
        expect(Object.keys(params).filter((name) => name.endsWith('token'))).toEqual([]);
      }
    },
  );

  it('refuses to send a code in the fragment', async () => {
    const answer = await answerTo({ response_type: 'code', response_mode: 'fragment' });
    expect(returned(answer.location)).toMatchObject({
      error: 'invalid_request',
      error_description: 'requested response_mode is not allowed for this client or request',
    });
  });

  it('refuses to post a code back (form_post)', async () => {
    const answer = await answerTo({ response_type: 'code', response_mode: 'form_post' });
    expect(answer.status).toBe(400);
    expect(answer.page).toContain('requested response_mode is not allowed for this client or request');
    expect(answer.page).not.toMatch(/name="code"/);
  });

  it('signs a registry officer in with code + PKCE; the API accepts the access token and its roles', async () => {
    const tokens = await signIn({ user: 'registry' });
    expect(claimsOf(tokens.access_token)).toMatchObject({
      iss: `${api.baseUrl}/oidc`,
      aud: 'urn:credence:records-api',
      sub: 'registry-local',
      roles: ['registry'],
    });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const courses = await api.request('GET', '/v1/courses', { token: tokens.access_token });
    expect(courses.status).toBe(200);
  });

  it('signs a learner in under their own id, as a learner only', async () => {
    const tokens = await signIn({ user: 'learner', subject: 'learner-abc' });
    expect(claimsOf(tokens.access_token)).toMatchObject({ sub: 'learner-abc', roles: ['learner'] });
    expect((await api.request('GET', '/v1/learners', { token: tokens.access_token })).status).toBe(403);
  });

  it('renews the access token with the refresh token, keeping the roles', async () => {
    const first = await signIn({ user: 'tutor' });
    const renewed = await oauth.processRefreshTokenResponse(
      server,
      CLIENT,
      await oauth.refreshTokenGrantRequest(server, CLIENT, PUBLIC_CLIENT, first.refresh_token!, LOOPBACK),
    );
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(claimsOf(renewed.access_token)).toMatchObject({ sub: 'tutor-local', roles: ['tutor'] });
    expect((await api.request('GET', '/v1/marking/queue', { token: renewed.access_token })).status).toBe(200);
  });

  it('refuses the code with the wrong PKCE verifier', async () => {
    const { callback } = await authorize({ user: 'registry' }, oauth.generateRandomCodeVerifier());
    const params = oauth.validateAuthResponse(server, CLIENT, callback!, 'state-1');
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      CLIENT,
      PUBLIC_CLIENT,
      params,
      redirectUri,
      oauth.generateRandomCodeVerifier(),
      LOOPBACK,
    );
    await expect(oauth.processAuthorizationCodeResponse(server, CLIENT, response)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('refuses an authorization request without PKCE', async () => {
    const url = new URL(server.authorization_endpoint!);
    url.search = new URLSearchParams({
      client_id: CLIENT.client_id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid api',
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('asks a learner for their learner id, naming the field', async () => {
    const result = await authorize({ user: 'learner', subject: '' }, oauth.generateRandomCodeVerifier());
    expect(result.refused).toBe(400);
    expect(result.page).toContain('Enter your learner id to sign in as a learner.');
  });

  it('tells the web app where to sign in, before anyone has', async () => {
    expect(await api.request('GET', '/v1/sign-in', { token: null })).toEqual({
      status: 200,
      body: { oidc: { issuer: `${api.baseUrl}/oidc`, clientId: 'credence-web' } },
    });
  });

  it('still accepts locally minted tokens (npm run token)', async () => {
    expect((await api.request('GET', '/v1/courses')).status).toBe(200);
  });
});
