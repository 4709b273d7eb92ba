import type { EventMetadata } from '#event-store';
import type { Principal, Role } from '../auth/jwt.js';

/** Who asked, and under which request: recorded in every event's metadata. */
export interface CommandContext {
  actor: string;
  role: Role | 'system';
  correlationId: string;
  causationId: string | null;
  principal: Principal | null;
  /** Hash of (principal, Idempotency-Key) when the request carried one; recorded in the events' metadata. */
  idempotencyKey?: string;
}

export const systemContext = (actor: string, correlationId: string): CommandContext => ({
  actor,
  role: 'system',
  correlationId,
  causationId: null,
  principal: null,
});

export const metadataFor = (context: CommandContext, occurredAt: Date): EventMetadata => ({
  actor: context.actor,
  role: context.role,
  correlationId: context.correlationId,
  causationId: context.causationId,
  occurredAt: occurredAt.toISOString(),
  ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
});
