import { createHash, createHmac } from 'node:crypto';

/**
 * Open Badges 3.0 IdentityObject for the learner: `sha256$<hex(sha256(learnerId + salt))>`, the
 * identifier with the salt appended as OB 3.0 defines IdentityHash. The
 * learner id never appears in clear; a relying party that knows it (e.g. from the learner's
 * transcript) can recompute the hash with the published salt. A per-credential salt keeps two
 * credentials of one learner from being linked by their hash alone.
 */
export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'identifier' | 'emailAddress';
  hashed: true;
  salt: string;
}

export const hashIdentity = (identifier: string, salt: string): string =>
  `sha256$${createHash('sha256')
    .update(identifier + salt, 'utf8')
    .digest('hex')}`;

export const identityObject = (
  identifier: string,
  salt: string,
  identityType: 'identifier' | 'emailAddress' = 'identifier',
): IdentityObject => ({
  type: 'IdentityObject',
  identityHash: hashIdentity(identifier, salt),
  identityType,
  hashed: true,
  salt,
});

/**
 * A salt that is stable for one credential (re-issuing gives the same document) yet cannot be
 * predicted without the secret: HMAC(secret, credential id), 16 bytes, hex.
 */
export const deriveSalt = (secret: Buffer | string, credentialId: string): string =>
  createHmac('sha256', secret).update(`identity-salt:${credentialId}`).digest('hex').slice(0, 32);

/**
 * The credential subject's id (the JWT `sub`): a URN that is stable for one credential yet says
 * nothing of the learner and links no two of their credentials. A UUID (v4 layout) from
 * HMAC(secret, credential id).
 */
export const pseudonymousSubjectId = (secret: Buffer | string, credentialId: string): string => {
  const bytes = createHmac('sha256', secret).update(`subject:${credentialId}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
