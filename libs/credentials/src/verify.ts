import { VC_V2_CONTEXT } from './contexts.js';
import { dataIntegrityProofHolds } from './data-integrity.js';
import type { DocumentLoader } from './document-loader.js';
import { checkVcJwt, type KeyResolver } from './jwt.js';
import { issuerIdOf, type VerifiableCredential } from './model.js';
import { statusListOf } from './status-list-credential.js';

export interface VerifyOptions {
  /** The public key a VC-JWT `kid` dereferences to, or undefined when unknown. */
  resolveKey: KeyResolver;
  /** Contexts, controller documents and verification methods for Data Integrity proofs; never fetches. */
  loader: DocumentLoader;
  /** The status list credential at a URL (a VC-JWT or a credential with an embedded proof), or undefined. */
  fetchStatusList: (url: string) => Promise<string | object | undefined>;
  now: Date;
}

export type CheckOutcome = 'passed' | 'failed' | 'not-checked';
export interface VerificationResult {
  verified: boolean;
  /** Machine-readable: 'malformed', 'unknown key', 'signature invalid', 'credential expired',
   * 'credential not yet valid', 'credential revoked', 'status unavailable'. */
  reasons: string[];
  /** Which securing mechanism was checked: a VC-JWT or an embedded Data Integrity proof. */
  format?: 'vc+jwt' | 'data-integrity';
  checks: { signature: CheckOutcome; status: CheckOutcome | 'none'; expiry: CheckOutcome };
  credential?: VerifiableCredential;
}

const isCredential = (payload: unknown): payload is VerifiableCredential => {
  const candidate = payload as Record<string, unknown> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Array.isArray(candidate['@context']) &&
    candidate['@context'][0] === VC_V2_CONTEXT &&
    Array.isArray(candidate.type) &&
    candidate.type.includes('VerifiableCredential') &&
    typeof candidate.credentialSubject === 'object' &&
    candidate.credentialSubject !== null &&
    typeof issuerIdOf(candidate as VerifiableCredential) === 'string'
  );
};

type Authentic =
  | { credential: VerifiableCredential; format: 'vc+jwt' | 'data-integrity' }
  | { reason: 'malformed' | 'unknown key' | 'signature invalid' };

/** A key belongs to the issuer when its URL is under the issuer's id (`<issuer>/keys/…` or `<issuer>#…`). */
const ownedBy = (keyId: unknown, issuer: string): boolean =>
  typeof keyId === 'string' && (keyId.startsWith(`${issuer}/`) || keyId.startsWith(`${issuer}#`));

/** Structure, the issuer's key and the signature, in either securing mechanism. */
const authenticate = async (input: unknown, options: VerifyOptions): Promise<Authentic> => {
  if (typeof input === 'string') {
    const checked = await checkVcJwt(input.trim(), (kid) => options.resolveKey(kid));
    if ('reason' in checked) return checked;
    if (!isCredential(checked.credential)) return { reason: 'malformed' };
    if (!ownedBy(checked.kid, issuerIdOf(checked.credential)!)) return { reason: 'unknown key' };
    return { credential: checked.credential, format: 'vc+jwt' };
  }
  if (!isCredential(input)) return { reason: 'malformed' };
  // One proof, as an object or (Open Badges 3.0's JSON Schema) a one-element array.
  const proofs = [(input as { proof?: unknown }).proof].flat();
  const proof = proofs[0] as { verificationMethod?: unknown } | undefined;
  if (proofs.length !== 1 || typeof proof !== 'object' || proof === null) return { reason: 'malformed' };
  if (!ownedBy(proof.verificationMethod, issuerIdOf(input)!)) return { reason: 'unknown key' };
  const { verified, errors } = await dataIntegrityProofHolds(input, options.loader);
  if (!verified) return { reason: errors.some((e) => e.includes('not bundled')) ? 'unknown key' : 'signature invalid' };
  return { credential: input, format: 'data-integrity' };
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
    const published = await options.fetchStatusList(entry.statusListCredential).catch(() => undefined);
    const list = published === undefined ? undefined : await authenticate(published, options);
    const bits = list && 'credential' in list ? statusListOf(list.credential) : undefined;
    const usable =
      list &&
      'credential' in list &&
      bits &&
      list.credential.id === entry.statusListCredential &&
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
 * Verifies a credential in either form: a VC-JWT (Open Badges 3.0 §8.2, checked with jose) or a
 * credential with an embedded Data Integrity proof (eddsa-rdfc-2022, checked with
 * @digitalbazaar/vc). Then validity dates and every BitstringStatusListEntry, whose list must
 * itself be a valid credential of the same issuer. Claims are only looked at once the proof holds.
 */
export const verifyCredential = async (input: unknown, options: VerifyOptions): Promise<VerificationResult> => {
  const authentic = await authenticate(input, options);
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
  const { credential, format } = authentic;
  const expiry = expiryOf(credential, options.now);
  const status = await statusOf(credential, options);
  const reasons = [...(expiry ? [expiry] : []), ...status];
  return {
    verified: reasons.length === 0,
    reasons,
    format,
    checks: {
      signature: 'passed',
      status: credential.credentialStatus === undefined ? 'none' : status.length ? 'failed' : 'passed',
      expiry: expiry ? 'failed' : 'passed',
    },
    credential,
  };
};
