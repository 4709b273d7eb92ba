import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { errors, Provider } from 'oidc-provider';
import { DevAccounts } from './dev-users.js';

/** Where the development provider is mounted, and the client the web app signs in as. */
export const DEV_PROVIDER_PATH = '/oidc';
export const DEV_WEB_CLIENT_ID = 'credence-web';
/** The records API as a resource server (RFC 8707 wants an absolute URI): the access tokens' `aud`. */
export const DEV_API_AUDIENCE = 'urn:credence:records-api';
const API_SCOPE = 'api';

/** The provider's issuer and key set, from where this deployment is reached. */
export const devProviderEndpoints = (publicBaseUrl: string) => ({
  issuer: `${publicBaseUrl}${DEV_PROVIDER_PATH}`,
  jwksUrl: `${publicBaseUrl}${DEV_PROVIDER_PATH}/jwks`,
});

/** The web app's addresses the provider sends the browser back to (after sign-in, after sign-out). */
export const webSignInCallback = (publicBaseUrl: string): string => `${publicBaseUrl}/sign-in/callback`;

export interface DevProvider {
  provider: Provider;
  accounts: DevAccounts;
  issuer: string;
}

/**
 * The development identity provider (oidc-provider): one public client, the web app, using the
 * authorization code flow with PKCE (required) and refresh tokens; access tokens are JWTs for the
 * API carrying the signed-in user's `roles`. Keys, sessions and tokens live in memory: a restart
 * signs everyone out.
 */
export const createDevProvider = async (publicBaseUrl: string, accessTokenSeconds: number): Promise<DevProvider> => {
  const { issuer } = devProviderEndpoints(publicBaseUrl);
  const accounts = new DevAccounts();
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: DEV_WEB_CLIENT_ID,
        client_name: 'Credence web app',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        response_modes: [CODE_RESPONSE_MODE],
        redirect_uris: [webSignInCallback(publicBaseUrl)],
        post_logout_redirect_uris: [`${publicBaseUrl}/`],
      },
    ],
    // The code flow only: no implicit or hybrid response types (nor the implicit grant they bring).
    responseTypes: ['code'],
    findAccount: async (_ctx, id) =>
      accounts.roleOf(id) ? { accountId: id, claims: async () => ({ sub: id }) } : undefined,
    interactions: { url: (_ctx, interaction) => `${DEV_PROVIDER_PATH}/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [signingKey] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => DEV_API_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== DEV_API_AUDIENCE) throw new errors.InvalidTarget();
          return {
            scope: API_SCOPE,
            audience: DEV_API_AUDIENCE,
            accessTokenTTL: accessTokenSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: { enabled: true },
    },
    // The API reads the caller's roles from this claim, as from any provider's tokens.
    extraTokenClaims: async (_ctx, token) => {
      const role = token.accountId ? accounts.roleOf(token.accountId) : undefined;
      return role ? { roles: [role] } : undefined;
    },
    // The web app renews its tokens without asking for offline access.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Browsers send Origin on the web app's same-origin token requests: allow only the origins of the
    // client's own redirect URIs.
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris.some((uri) => new URL(uri).origin === origin),
    ttl: {
      AccessToken: accessTokenSeconds,
      IdToken: accessTokenSeconds,
      Interaction: 3600,
      RefreshToken: 8 * 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
  });
  advertiseOnlyAllowedResponseModes(provider);
  return { provider, accounts, issuer };
};

/** The code comes back in the query string; the client refuses the fragment and form_post modes. */
const CODE_RESPONSE_MODE = 'query';

/**
 * oidc-provider lists its built-in response modes in discovery whatever its clients allow: the
 * document says what this provider's one client is allowed instead.
 */
const advertiseOnlyAllowedResponseModes = (provider: Provider): void => {
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === 'discovery' && ctx.body) ctx.body.response_modes_supported = [CODE_RESPONSE_MODE];
  });
};

/** Consent is implied for the one first-party client: the grant covers sign-in and the API. */
export const grantEverything = async (provider: Provider, accountId: string, clientId: string): Promise<string> => {
  const grant = new provider.Grant({ accountId, clientId });
  grant.addOIDCScope('openid');
  grant.addResourceScope(DEV_API_AUDIENCE, API_SCOPE);
  return grant.save();
};
