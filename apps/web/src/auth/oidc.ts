import * as oauth from 'oauth4webapi';
import type { SignInOptionsView } from '../api/types';

/** Across the redirect to the provider and back: the PKCE verifier and state (never a token). */
const PENDING = 'credence.sign-in.pending';
export const CALLBACK_PATH = '/sign-in/callback';

export interface OidcProvider {
  server: oauth.AuthorizationServer;
  client: oauth.Client;
  /** Only a loopback development provider is reached over plain http. */
  options: { [oauth.allowInsecureRequests]?: boolean };
}

/** Tokens from the provider: held in memory only, forgotten on sign-out or when the tab closes. */
export interface OidcTokens {
  accessToken: string;
  refreshToken: string | undefined;
  idToken: string | undefined;
}

const redirectUri = () => `${location.origin}${CALLBACK_PATH}`;

export const discover = async ({ issuer, clientId }: NonNullable<SignInOptionsView['oidc']>): Promise<OidcProvider> => {
  const url = new URL(issuer);
  const options = { [oauth.allowInsecureRequests]: url.protocol === 'http:' };
  const server = await oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, options));
  return { server, client: { client_id: clientId }, options };
};

/** Sends the browser to the provider's sign-in (authorization code with an S256 PKCE challenge). */
export const startSignIn = async ({ server, client }: OidcProvider): Promise<void> => {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(server.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: client.client_id,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: 'openid api',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  }).toString();
  location.assign(url.href);
};

const tokensOf = (response: oauth.TokenEndpointResponse, previous?: OidcTokens): OidcTokens => ({
  accessToken: response.access_token,
  refreshToken: response.refresh_token ?? previous?.refreshToken,
  idToken: response.id_token ?? previous?.idToken,
});

/** The provider sent the browser back with a code: exchange it, with the verifier only this tab holds. */
export const finishSignIn = async ({ server, client, options }: OidcProvider, back: URL): Promise<OidcTokens> => {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING);
  if (!pending) throw new Error('This sign-in was not started in this tab. Sign in again.');
  const params = oauth.validateAuthResponse(server, client, back, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    server,
    client,
    oauth.None(),
    params,
    redirectUri(),
    pending.verifier,
    options,
  );
  return tokensOf(await oauth.processAuthorizationCodeResponse(server, client, response));
};

/** Silent renewal: a fresh access token for the refresh token, without leaving the page. */
export const renew = async ({ server, client, options }: OidcProvider, tokens: OidcTokens): Promise<OidcTokens> => {
  if (!tokens.refreshToken) throw new Error('no refresh token to renew with');
  const response = await oauth.refreshTokenGrantRequest(server, client, oauth.None(), tokens.refreshToken, options);
  return tokensOf(await oauth.processRefreshTokenResponse(server, client, response), tokens);
};

/** Ends the provider's session too (RP-initiated logout), then comes back to the app's sign-in. */
export const endSessionUrl = ({ server, client }: OidcProvider, tokens: OidcTokens): string | null => {
  if (!server.end_session_endpoint) return null;
  const url = new URL(server.end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: client.client_id,
    post_logout_redirect_uri: `${location.origin}/`,
    ...(tokens.idToken && { id_token_hint: tokens.idToken }),
  }).toString();
  return url.href;
};

/** When to renew: three quarters into the token's life, so a slow renewal still lands before expiry. */
export const renewalDelayMs = (expiresAtSeconds: number | null, nowMs = Date.now()): number | null =>
  expiresAtSeconds === null ? null : Math.max(1000, ((expiresAtSeconds * 1000 - nowMs) * 3) / 4);
