import { createHash, createHmac } from 'node:crypto';

/**
 * Open Badges 3.0 IdentityObject for the learner: `sha256$<hex(sha256(salt + learnerId))>`. The
 * learner id never appears in clear; a relying party that knows it (e.g. from the learner's
 * transcript) can recompute the hash with the published salt. A per-credential salt keeps two
 * credentials of one learner from being linked by their hash alone.
 */
export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'identifier';
  hashed: true;
  salt: string;
}

export const hashIdentity = (identifier: string, salt: string): string =>
  `sha256$${createHash('sha256')
    .update(salt + identifier, 'utf8')
    .digest('hex')}`;

export const identityObject = (learnerId: string, salt: string): IdentityObject => ({
  type: 'IdentityObject',
  identityHash: hashIdentity(learnerId, salt),
  identityType: 'identifier',
  hashed: true,
  salt,
});

/**
 * A salt that is stable for one credential (re-issuing gives the same document) yet cannot be
 * predicted without the secret: HMAC(secret, credential id), 16 bytes, hex.
 */
export const deriveSalt = (secret: Buffer | string, credentialId: string): string =>
  createHmac('sha256', secret).update(`identity-salt:${credentialId}`).digest('hex').slice(0, 32);
