import { sign, verify, type KeyObject } from 'node:crypto';
import { VC_JWT_TYP } from './contexts.js';
import type { SigningKey } from './keys.js';
import type { VerifiableCredential } from './model.js';

/**
 * VC-JWT as in W3C VC-JOSE-COSE: a compact JWS whose payload is the credential itself (no `vc`
 * wrapper claim), header {alg: EdDSA, typ: vc+jwt, kid}. Ed25519 signatures are deterministic,
 * so the same credential and key always give the same JWT.
 */
export interface JwsHeader {
  alg: string;
  typ?: string;
  kid?: string;
  [name: string]: unknown;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** `kid` = the verification method: `<issuer id>#<JWK thumbprint>`. */
export const keyIdFor = (issuerId: string, key: SigningKey): string => `${issuerId}#${key.thumbprint}`;

export const signCredential = (credential: VerifiableCredential, key: SigningKey, kid: string): string => {
  const header: JwsHeader = { alg: 'EdDSA', typ: VC_JWT_TYP, kid };
  const signingInput = `${encode(header)}.${encode(credential)}`;
  const signature = sign(null, Buffer.from(signingInput, 'ascii'), key.privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
};

export interface DecodedJwt {
  header: JwsHeader;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

const parseJson = (segment: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/** The parts of a compact JWS, or undefined when it is not one. Does not check the signature. */
export const decodeJwt = (jwt: string): DecodedJwt | undefined => {
  const parts = jwt.split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p)) || !parts[0] || !parts[1] || !parts[2])
    return undefined;
  const header = parseJson(parts[0]);
  const payload = parseJson(parts[1]);
  if (!header || !payload || typeof header.alg !== 'string') return undefined;
  return {
    header: header as JwsHeader,
    payload,
    signingInput: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2], 'base64url'),
  };
};

export const signatureIsValid = (jwt: DecodedJwt, publicKey: KeyObject): boolean => {
  if (jwt.header.alg !== 'EdDSA' || jwt.signature.length !== 64) return false;
  try {
    return verify(null, Buffer.from(jwt.signingInput, 'ascii'), publicKey, jwt.signature);
  } catch {
    return false;
  }
};
