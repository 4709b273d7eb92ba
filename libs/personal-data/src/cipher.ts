import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedText } from '#domain';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A seal that does not open under the learner's key: tampered with, or sealed for someone else. */
export class BrokenSeal extends Error {
  constructor(learnerId: string) {
    super(`personal data of learner ${learnerId} does not open under their key (tampered with or misplaced)`);
    this.name = 'BrokenSeal';
  }
}

/** Binds a ciphertext to its learner: a seal copied onto another learner's event does not open. */
const associatedData = (learnerId: string): Buffer => Buffer.from(`credence:personal-data:v1:${learnerId}`, 'utf8');

export const sealText = (key: Buffer, learnerId: string, text: string): SealedText => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(learnerId));
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { sealed: 'A256GCM', iv: iv.toString('base64url'), ciphertext: ciphertext.toString('base64url') };
};

export const openText = (key: Buffer, learnerId: string, sealed: SealedText): string => {
  const iv = Buffer.from(sealed.iv, 'base64url');
  const data = Buffer.from(sealed.ciphertext, 'base64url');
  if (iv.length !== IV_BYTES || data.length < TAG_BYTES) throw new BrokenSeal(learnerId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(learnerId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new BrokenSeal(learnerId);
  }
};
