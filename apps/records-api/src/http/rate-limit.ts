import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Probes and scrapes must never be refused. */
const UNLIMITED = new Set(['/health', '/metrics']);

/**
 * A caller is its bearer token when it sends one (so users behind one proxy address do not share a
 * budget), otherwise its address. Hashed: keys are kept in memory and must not hold credentials.
 */
const callerKey = (request: FastifyRequest): string => {
  const authorization = request.headers.authorization;
  return authorization ? createHash('sha256').update(authorization).digest('base64url') : `ip:${request.ip}`;
};

/**
 * Per-caller request budget per minute (RATE_LIMIT_PER_MINUTE; 0 = off). Counted in this process's
 * memory: behind N replicas a caller gets up to N budgets, which is acceptable for its purpose —
 * keeping one runaway client from starving everyone else — and no shared store is needed.
 */
export const registerRateLimit = async (fastify: FastifyInstance, perMinute: number): Promise<void> => {
  if (perMinute === 0) return;
  await fastify.register(rateLimit, {
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: callerKey,
    allowList: (request) => UNLIMITED.has(request.url.split('?')[0]!),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: [`rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`],
    }),
  });
};
