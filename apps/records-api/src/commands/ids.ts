import { randomUUID } from 'node:crypto';
import { nameBasedId } from '#event-store';

/**
 * A course's id is derived from its awarding body and code, so defining the same course twice
 * hits the same stream and the store's "no-stream" check rejects the duplicate atomically.
 */
export const courseIdFor = (awardingBody: string, code: string): string =>
  nameBasedId('credence:course', awardingBody.trim().toLowerCase(), code.trim().toUpperCase());

/**
 * The id of something a command creates. Under an Idempotency-Key it is derived from the key, so a
 * retry after a crash lands on the same stream, where the key in the events' metadata stops a second append.
 */
export const newIdFor = (context: { idempotencyKey?: string }, what: string): string =>
  context.idempotencyKey === undefined
    ? randomUUID()
    : nameBasedId('credence:idempotent', context.idempotencyKey, what);
