import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import {
  checkTokenTimes,
  InvalidToken,
  principalFromClaims,
  tokenRefusal,
  verifyHs256,
  type Principal,
  type VerifiedToken,
} from './jwt.js';

/** Turns a bearer token into the principal it names, or throws InvalidToken. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export const TOKEN_VERIFIER = Symbol('TokenVerifier');

/**
 * Local and test deployments: tokens signed with the shared HS256 secret. A client sends the same
 * token with every request until it expires, so the signature of a token is checked once and its
 * time claims on every use (up to `remembered` tokens, the oldest forgotten first).
 */
export const hs256Verifier = (secret: string, remembered = 10_000): TokenVerifier => {
  const verified = new Map<string, VerifiedToken>();
  return {
    verify: async (token) => {
      const nowSeconds = Math.floor(Date.now() / 1000);
      const known = verified.get(token);
      if (known) {
        checkTokenTimes(known, nowSeconds);
        return known.principal;
      }
      const fresh = await verifyHs256(token, secret, nowSeconds);
      Object.freeze(fresh.principal.roles);
      Object.freeze(fresh.principal);
      if (verified.size >= remembered) verified.delete(verified.keys().next().value!);
      verified.set(token, fresh);
      return fresh.principal;
    },
  };
};

export interface OidcSettings {
  jwksUrl: string;
  issuer: string | undefined;
  audience: string | undefined;
}

// Asymmetric algorithms only: a JWKS never holds an HMAC secret, so HS256 tokens cannot pass here.
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Production: tokens from the identity provider, checked against its published keys. jose caches the
 * key set and refetches it when a token names a key it has not seen (rotation), at most every 30 s.
 */
export const jwksVerifier = ({ jwksUrl, issuer, audience }: OidcSettings): TokenVerifier => {
  const keys = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          algorithms: ASYMMETRIC,
          issuer,
          audience,
          requiredClaims: ['exp'],
        });
        return principalFromClaims(payload);
      } catch (error) {
        throw new InvalidToken(tokenRefusal(error));
      }
    },
  };
};

/**
 * With the development identity provider (`npm start`): its tokens (ES256, checked against its
 * JWKS like any provider's) and the locally minted HS256 ones of `npm run token`, told apart by the
 * algorithm their header names; each verifier still allows only its own algorithms.
 */
export const devSignInVerifier = (local: TokenVerifier, provider: TokenVerifier): TokenVerifier => ({
  verify: (token) => {
    let algorithm: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      algorithm = undefined;
    }
    return algorithm === 'HS256' || algorithm === undefined ? local.verify(token) : provider.verify(token);
  },
});
