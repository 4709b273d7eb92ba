import { randomUUID } from 'node:crypto';
import { nameBasedId } from '#event-store';

/**
 * A course's id is derived from its awarding body and code, so defining the same course twice
 * hits the same stream and the store's "no-stream" check rejects the duplicate atomically.
 */
export const courseIdFor = (awardingBody: string, code: string): string =>
  nameBasedId('credence:course', awardingBody.trim().toLowerCase(), code.trim().toUpperCase());

export const newId = (): string => randomUUID();
