import { BadRequestException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export const MAX_BODY_DEPTH = 32;

/**
 * Keys naming Object.prototype members (and `prototype`): class-transformer drops them silently,
 * so the whitelist never sees them and an unknown field would be accepted instead of refused.
 */
const SHADOWING_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * What the class-based validation cannot report itself: nesting deep enough to overflow its
 * recursion (a 500), and the keys it drops. Iterative, so a hostile value cannot overflow this.
 */
export const unsafeShapeProblems = (value: unknown, name: string): string[] => {
  const problems = new Set<string>();
  const pending: { value: unknown; field: string; depth: number }[] = [{ value, field: name, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= MAX_BODY_DEPTH) {
      problems.add(`${next.field} is nested too deeply (at most ${MAX_BODY_DEPTH} levels)`);
      continue;
    }
    for (const [key, child] of Object.entries(next.value)) {
      const field = next.depth === 0 ? key : next.field;
      if (!Array.isArray(next.value) && SHADOWING_KEYS.has(key)) problems.add(`${key} is not an allowed field`);
      pending.push({ value: child, field, depth: next.depth + 1 });
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
