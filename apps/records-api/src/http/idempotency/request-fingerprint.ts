import { createHash } from 'node:crypto';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** JSON with every object's keys sorted, so `{a, b}` and `{b, a}` are the same request. */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortedKeys(value ?? null));

// Recursive: bodies reach here only after body-shape.ts has capped their depth.
const sortedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.keys(value)
    .sort()
    .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]);
  return Object.fromEntries(entries);
};

/** What makes two requests "the same" for a key: method, path (with query) and the body's content. */
export const requestFingerprint = (method: string, url: string, body: unknown): string =>
  sha256(`${method} ${url}\n${canonicalJson(body)}`);

/** Keys belong to the caller: the same key from two principals names two unrelated requests. */
export const idempotencyScope = (principal: string, key: string): string => sha256(JSON.stringify([principal, key]));
