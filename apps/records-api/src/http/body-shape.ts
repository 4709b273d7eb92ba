import { BadRequestException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export const MAX_BODY_DEPTH = 32;

/**
 * Keys naming Object.prototype members (and `prototype`): class-transformer drops them silently,
 * so the whitelist never sees them and an unknown field would be accepted instead of refused.
 */
const SHADOWING_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * With the u flag a surrogate pair is one code point, so this matches only a lone surrogate: text
 * that is not valid Unicode, which UTF-8 storage would silently turn into U+FFFD.
 */
const LONE_SURROGATE = /\p{Cs}/u;

export const NOT_UNICODE_RULE = 'must be valid Unicode text (it holds a lone surrogate)';

/**
 * What the class-based validation cannot report itself: nesting deep enough to overflow its
 * recursion (a 500), the keys it drops, and text that is not valid Unicode (in any field, so
 * once here for every body). Iterative, so a hostile value cannot overflow this.
 */
export const unsafeShapeProblems = (value: unknown, name: string): string[] => {
  const problems = new Set<string>();
  const pending: { value: unknown; field: string; path: string; depth: number }[] = [
    { value, field: name, path: name, depth: 0 },
  ];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value === 'string' && LONE_SURROGATE.test(next.value))
      problems.add(`${next.path} ${NOT_UNICODE_RULE}`);
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= MAX_BODY_DEPTH) {
      problems.add(`${next.field} is nested too deeply (at most ${MAX_BODY_DEPTH} levels)`);
      continue;
    }
    const isArray = Array.isArray(next.value);
    for (const [key, child] of Object.entries(next.value)) {
      const field = next.depth === 0 ? key : next.field;
      const path = isArray ? `${next.path}[${key}]` : next.depth === 0 ? key : `${next.path}.${key}`;
      if (!isArray && SHADOWING_KEYS.has(key)) problems.add(`${key} is not an allowed field`);
      if (LONE_SURROGATE.test(key)) problems.add(`${path} is not an allowed field (${NOT_UNICODE_RULE})`);
      pending.push({ value: child, field, path, depth: next.depth + 1 });
    }
  }
  return [...problems];
};

/**
 * A Fastify preValidation hook: refuses such bodies and query strings before anything walks
 * them recursively (the Idempotency-Key fingerprint, class-transformer, class-validator).
 */
export const refuseUnsafeShapes = async (request: FastifyRequest): Promise<void> => {
  const problems = [...unsafeShapeProblems(request.body, 'body'), ...unsafeShapeProblems(request.query, 'query')];
  if (problems.length > 0) throw new BadRequestException(problems);
};
