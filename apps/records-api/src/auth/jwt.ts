import { createHmac } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload } from 'jose';

export const ROLES = ['registry', 'tutor', 'board', 'examiner', 'learner', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  sub: string;
  roles: Role[];
}

const base64url = (input: Buffer | string): string => Buffer.from(input).toString('base64url');

/** Signs an HS256 token: used by the local token command and by tests. */
export const signHs256 = (claims: Record<string, unknown>, secret: string, ttlSeconds = 3600): string => {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ iat: now, exp: now + ttlSeconds, ...claims }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
};

export class InvalidToken extends Error {}

/** A verified token's principal and the time claims that bound its use, as seconds since the epoch. */
export interface VerifiedToken {
  principal: Principal;
  expiresAt: number;
  notBefore: number | undefined;
}

/** Refuses a token outside its time claims (checked on every use, also of a token verified before). */
export const checkTokenTimes = (token: VerifiedToken, nowSeconds: number): void => {
  if (token.expiresAt < nowSeconds) throw new InvalidToken('token expired');
  if (token.notBefore !== undefined && token.notBefore > nowSeconds) throw new InvalidToken('token not yet valid');
};

/**
 * A compact JWS exactly as RFC 7515 spells it: three segments of unpadded base64url, each the one
 * spelling of its bytes. Decoders accept more (padding, stray characters, other final bits), which
 * would let one token be written many ways.
 */
const isCanonicalCompactJws = (token: string): boolean => {
  const segments = token.split('.');
  return (
    segments.length === 3 &&
    segments.every((s) => /^[A-Za-z0-9_-]+$/.test(s) && Buffer.from(s, 'base64url').toString('base64url') === s)
  );
};

/** Verifies an HS256 token (jose): strict encoding, the signature, and a numeric `exp` (required) and `nbf`. */
export const verifyHs256 = async (
  token: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<VerifiedToken> => {
  if (!isCanonicalCompactJws(token)) throw new InvalidToken('malformed token');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      currentDate: new Date(nowSeconds * 1000),
    }));
  } catch (error) {
    throw new InvalidToken(tokenRefusal(error));
  }
  return { principal: principalFromClaims(payload), expiresAt: payload.exp!, notBefore: payload.nbf };
};

/** Why jose refused a token, in the words of a 401. */
export const tokenRefusal = (error: unknown): string => {
  if (error instanceof InvalidToken) return error.message;
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return error.claim === 'nbf' && error.reason === 'check_failed'
      ? 'token not yet valid'
      : `token ${error.claim} claim rejected (${error.message})`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'unsupported algorithm';
  if (error instanceof errors.JWKSNoMatchingKey) return 'token signed by an unknown key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed token';
  if (error instanceof errors.JOSEError) return 'token could not be verified';
  return 'invalid token';
};

/** `sub` and the known `roles` of verified claims (unknown role names are ignored). */
export const principalFromClaims = (claims: { sub?: unknown; roles?: unknown }): Principal => {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new InvalidToken('token has no subject');
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => ROLES.includes(r)) : [];
  return { sub: claims.sub, roles };
};
