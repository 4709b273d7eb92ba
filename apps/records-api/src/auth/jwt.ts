import { createHmac, timingSafeEqual } from 'node:crypto';

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
  expiresAt: number | undefined;
  notBefore: number | undefined;
}

/** Refuses a token outside its time claims (checked on every use, also of a token verified before). */
export const checkTokenTimes = (token: VerifiedToken, nowSeconds: number): void => {
  if (token.expiresAt !== undefined && token.expiresAt < nowSeconds) throw new InvalidToken('token expired');
  if (token.notBefore !== undefined && token.notBefore > nowSeconds) throw new InvalidToken('token not yet valid');
};

/** Verifies an HS256 token's signature and time claims and reads `sub` and `roles`. */
export const verifyHs256 = (
  token: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): VerifiedToken => {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidToken('malformed token');
  const [header, payload, signature] = parts as [string, string, string];
  let parsedHeader: { alg?: string };
  let claims: { sub?: unknown; roles?: unknown; exp?: unknown; nbf?: unknown };
  try {
    parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidToken('malformed token');
  }
  if (parsedHeader.alg !== 'HS256') throw new InvalidToken('unsupported algorithm');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidToken('bad signature');
  const verified = {
    principal: principalFromClaims(claims),
    expiresAt: typeof claims.exp === 'number' ? claims.exp : undefined,
    notBefore: typeof claims.nbf === 'number' ? claims.nbf : undefined,
  };
  checkTokenTimes(verified, nowSeconds);
  return verified;
};

/** `sub` and the known `roles` of verified claims (unknown role names are ignored). */
export const principalFromClaims = (claims: { sub?: unknown; roles?: unknown }): Principal => {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new InvalidToken('token has no subject');
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => ROLES.includes(r)) : [];
  return { sub: claims.sub, roles };
};
