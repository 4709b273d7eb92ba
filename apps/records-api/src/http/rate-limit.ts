import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenVerifier } from '../auth/token-verifier.js';

/** Probes and scrapes must never be refused. */
const UNLIMITED = new Set(['/health', '/metrics']);

/**
 * A caller is the subject of a token that verifies (so users behind one proxy address do not share
 * a budget, and one user's fresh tokens share theirs), otherwise its address: a junk or altered
 * Authorization header makes no new caller.
 */
const callerKey =
  (tokens: TokenVerifier) =>
  async (request: FastifyRequest): Promise<string> => {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const principal = await tokens.verify(authorization.slice('Bearer '.length).trim()).catch(() => undefined);
      if (principal) return `sub:${principal.sub}`;
    }
    return `ip:${request.ip}`;
  };

/**
 * Per-caller request budget per minute (RATE_LIMIT_PER_MINUTE; 0 = off). Counted in this process's
 * memory: behind N replicas a caller gets up to N budgets, which is acceptable for its purpose —
 * keeping one runaway client from starving everyone else — and no shared store is needed.
 */
export const registerRateLimit = async (
  fastify: FastifyInstance,
  perMinute: number,
  tokens: TokenVerifier,
): Promise<void> => {
  if (perMinute === 0) return;
  await fastify.register(rateLimit, {
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: callerKey(tokens),
    allowList: (request) => UNLIMITED.has(request.url.split('?')[0]!),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: [`rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}`],
    }),
  });
};
