import { createHash, randomUUID } from 'node:crypto';

const COURSE_NAMESPACE = 'credence:course';

/**
 * A course's id is derived from its awarding body and code, so defining the same course twice
 * hits the same stream and the store's "no-stream" check rejects the duplicate atomically.
 * Formatted as a name-based (version 5 style) UUID.
 */
export const courseIdFor = (awardingBody: string, code: string): string => {
  const hash = createHash('sha1')
    .update(`${COURSE_NAMESPACE}\n${awardingBody.trim().toLowerCase()}\n${code.trim().toUpperCase()}`)
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export const newId = (): string => randomUUID();
