import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import type { CommandContext } from '../commands/command-context.js';
import { idempotencyKeyOf } from './idempotency/idempotency-key.js';
import { idempotencyScope } from './idempotency/request-fingerprint.js';

const CORRELATION = /^[\w.:-]{1,128}$/;

/**
 * The caller as a CommandContext: actor and role from the token, correlation id from the
 * X-Correlation-Id header (or new), causation = this request's id, and the Idempotency-Key's scope.
 */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext): CommandContext => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  const principal = request.principal ?? null;
  const header = request.headers['x-correlation-id'];
  const correlationId = typeof header === 'string' && CORRELATION.test(header) ? header : randomUUID();
  const key = principal ? idempotencyKeyOf(request.headers) : undefined;
  return {
    actor: principal?.sub ?? 'anonymous',
    role: request.actingRole ?? 'learner',
    correlationId,
    causationId: String(request.id),
    principal,
    ...(key === undefined ? {} : { idempotencyKey: idempotencyScope(principal!.sub, key) }),
  };
});
