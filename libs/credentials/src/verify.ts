import type { KeyObject } from 'node:crypto';
import { VC_JWT_TYP, VC_V2_CONTEXT } from './contexts.js';
import { decodeJwt, signatureIsValid, type DecodedJwt } from './jwt.js';
import { issuerIdOf, type VerifiableCredential } from './model.js';
import { statusListOf } from './status-list-credential.js';

export interface VerifyOptions {
  /** The public key for a JOSE `kid` (a verification method URL), or undefined when unknown. */
  resolveKey: (kid: string) => KeyObject | undefined | Promise<KeyObject | undefined>;
  /** The VC-JWT of the status list credential at a URL, or undefined when it cannot be fetched. */
  fetchStatusList: (url: string) => Promise<string | undefined>;
  now: Date;
}

export type CheckOutcome = 'passed' | 'failed' | 'not-checked';
export interface VerificationResult {
  verified: boolean;
  /** Machine-readable: 'malformed', 'unknown key', 'signature invalid', 'credential expired',
   * 'credential not yet valid', 'credential revoked', 'status unavailable'. */
  reasons: string[];
  checks: { signature: CheckOutcome; status: CheckOutcome | 'none'; expiry: CheckOutcome };
  credential?: VerifiableCredential;
}

const isCredential = (payload: Record<string, unknown>): payload is VerifiableCredential =>
  Array.isArray(payload['@context']) &&
  payload['@context'][0] === VC_V2_CONTEXT &&
  Array.isArray(payload.type) &&
  payload.type.includes('VerifiableCredential') &&
  typeof payload.credentialSubject === 'object' &&
  payload.credentialSubject !== null &&
  typeof issuerIdOf(payload as VerifiableCredential) === 'string';

type Authentic = { credential: VerifiableCredential } | { reason: 'malformed' | 'unknown key' | 'signature invalid' };

/** Structure, key (which must belong to the credential's issuer) and signature. */
const authenticate = async (jwt: unknown, resolveKey: VerifyOptions['resolveKey']): Promise<Authentic> => {
  const decoded: DecodedJwt | undefined = typeof jwt === 'string' ? decodeJwt(jwt.trim()) : undefined;
  if (!decoded || decoded.header.typ !== VC_JWT_TYP || !isCredential(decoded.payload)) return { reason: 'malformed' };
  const { kid } = decoded.header;
  const issuer = issuerIdOf(decoded.payload)!;
  if (typeof kid !== 'string' || !kid.startsWith(`${issuer}#`)) return { reason: 'unknown key' };
  const key = await resolveKey(kid);
  if (!key) return { reason: 'unknown key' };
  if (!signatureIsValid(decoded, key)) return { reason: 'signature invalid' };
  return { credential: decoded.payload };
};

const expiryOf = (credential: VerifiableCredential, now: Date): string | undefined => {
  const from = credential.validFrom === undefined ? undefined : Date.parse(credential.validFrom);
  const until = credential.validUntil === undefined ? undefined : Date.parse(credential.validUntil);
  if (Number.isNaN(from) || Number.isNaN(until)) return 'malformed';
  if (until !== undefined && until < now.getTime()) return 'credential expired';
  if (from !== undefined && from > now.getTime()) return 'credential not yet valid';
  return undefined;
};

/** The reasons the credential's status entries give, or [] when none is set. */
const statusOf = async (credential: VerifiableCredential, options: VerifyOptions): Promise<string[]> => {
  const entries = [credential.credentialStatus ?? []].flat();
  const reasons: string[] = [];
  for (const entry of entries) {
    if (entry.type !== 'BitstringStatusListEntry') continue;
    const index = Number(entry.statusListIndex);
    const listJwt = await options.fetchStatusList(entry.statusListCredential).catch(() => undefined);
    const list = listJwt === undefined ? undefined : await authenticate(listJwt, options.resolveKey);
    const bits = list && 'credential' in list ? statusListOf(list.credential) : undefined;
    const usable =
      list &&
      'credential' in list &&
      bits &&
      bits.purpose === entry.statusPurpose &&
      issuerIdOf(list.credential) === issuerIdOf(credential) &&
      expiryOf(list.credential, options.now) === undefined &&
      Number.isInteger(index) &&
      index >= 0 &&
      index < bits.list.length;
    if (!usable) reasons.push('status unavailable');
    else if (bits.list.get(index))
      reasons.push(entry.statusPurpose === 'revocation' ? 'credential revoked' : `credential ${entry.statusPurpose}`);
  }
  return reasons;
};

/**
 * Verifies a VC-JWT: structure, the issuer's key and signature, then validity dates and every
 * BitstringStatusListEntry (whose list must itself be a valid credential of the same issuer).
 * Claims are only looked at once the signature holds.
 */
export const verifyCredential = async (jwt: unknown, options: VerifyOptions): Promise<VerificationResult> => {
  const authentic = await authenticate(jwt, options.resolveKey);
  if ('reason' in authentic)
    return {
      verified: false,
      reasons: [authentic.reason],
      checks: {
        signature: authentic.reason === 'malformed' ? 'not-checked' : 'failed',
        status: 'not-checked',
        expiry: 'not-checked',
      },
    };
  const { credential } = authentic;
  const expiry = expiryOf(credential, options.now);
  const status = await statusOf(credential, options);
  const reasons = [...(expiry ? [expiry] : []), ...status];
  return {
    verified: reasons.length === 0,
    reasons,
    checks: {
      signature: 'passed',
      status: credential.credentialStatus === undefined ? 'none' : status.length ? 'failed' : 'passed',
      expiry: expiry ? 'failed' : 'passed',
    },
    credential,
  };
};
