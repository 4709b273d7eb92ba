import { CompactSign, compactVerify, decodeProtectedHeader, type JWK, type KeyObject } from 'jose';
export type { JWK } from 'jose';
import { VC_JWT_TYP } from './contexts.js';
import { issuerIdOf, type VerifiableCredential } from './model.js';

/** RS256 is the minimum Open Badges 3.0 requires, and so the default; EdDSA is allowed. */
export const JWT_ALGORITHMS = ['RS256', 'EdDSA'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

const seconds = (dateTime: string): number => Math.floor(Date.parse(dateTime) / 1000);

/**
 * Open Badges 3.0 §8.2 JWT payload: the credential itself (with its embedded proof, which must be
 * added first) plus the registered claims iss = issuer.id, jti = id, nbf = validFrom,
 * sub = credentialSubject.id and, when it has validUntil, exp.
 */
export const jwtPayloadOf = (credential: VerifiableCredential): Record<string, unknown> => {
  const subject = credential.credentialSubject as { id?: unknown };
  return {
    ...credential,
    iss: issuerIdOf(credential),
    jti: credential.id,
    nbf: seconds(credential.validFrom!),
    sub: subject.id,
    ...(credential.validUntil ? { exp: seconds(credential.validUntil) } : {}),
  };
};

/** A VC-JWT: compact JWS, header exactly {alg, kid, typ: JWT} (OB 3.0 allows no other header). */
export const signVcJwt = async (
  credential: VerifiableCredential,
  key: { alg: JwtAlgorithm; privateKey: KeyObject; kid: string },
): Promise<string> =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(jwtPayloadOf(credential))))
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: VC_JWT_TYP })
    .sign(key.privateKey);

export type JwtCheck =
  | { credential: VerifiableCredential; payload: Record<string, unknown>; kid: string }
  | { reason: 'malformed' | 'unknown key' | 'signature invalid' };

/** The public key (KeyObject or JWK) a `kid` dereferences to, or undefined. */
export type KeyResolver = (kid: string) => KeyObject | JWK | undefined | Promise<KeyObject | JWK | undefined>;

/** Signature (with jose) and the §8.2 claims: iss, jti, nbf and sub must match the credential, exp its validUntil. */
export const checkVcJwt = async (jwt: string, resolveKey: KeyResolver): Promise<JwtCheck> => {
  let header;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    return { reason: 'malformed' };
  }
  if ((header.typ !== undefined && header.typ !== VC_JWT_TYP) || typeof header.kid !== 'string')
    return { reason: 'malformed' };
  const key = await resolveKey(header.kid);
  if (!key) return { reason: 'unknown key' };
  let bytes: Uint8Array;
  try {
    ({ payload: bytes } = await compactVerify(jwt, key, { algorithms: [...JWT_ALGORITHMS] }));
  } catch {
    return { reason: 'signature invalid' };
  }
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return { reason: 'malformed' };
  }
  if (!claimsMatch(payload)) return { reason: 'malformed' };
  const { iss: _iss, jti: _jti, nbf: _nbf, sub: _sub, exp: _exp, ...credential } = payload;
  return { credential: credential as VerifiableCredential, payload, kid: header.kid };
};

const claimsMatch = (payload: Record<string, unknown>): boolean => {
  const credential = payload as VerifiableCredential;
  const subject = credential.credentialSubject as { id?: unknown } | undefined;
  return (
    typeof credential.validFrom === 'string' &&
    payload.iss === issuerIdOf(credential) &&
    payload.jti === credential.id &&
    payload.nbf === seconds(credential.validFrom) &&
    payload.sub === subject?.id &&
    (credential.validUntil === undefined ? payload.exp === undefined : payload.exp === seconds(credential.validUntil))
  );
};
