import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore, RecordedEvent } from '#event-store';
import { EVENT_STORE } from '../../infrastructure/tokens.js';

export interface AuditEntry {
  id: string;
  position: number;
  version: number;
  type: string;
  occurredAt: string;
  actor: string;
  role: string;
  correlationId: string;
  causationId: string | null;
  data: unknown;
}

export interface StreamAudit {
  stream: string;
  events: AuditEntry[];
}

export class GetStreamAuditQuery extends Query<StreamAudit> {
  constructor(readonly stream: string) {
    super();
  }
}

const auditEntry = ({ id, position, streamVersion, type, metadata, data }: RecordedEvent): AuditEntry => ({
  id,
  position,
  version: streamVersion,
  type,
  occurredAt: metadata.occurredAt,
  actor: metadata.actor,
  role: metadata.role,
  correlationId: metadata.correlationId,
  causationId: metadata.causationId,
  data,
});

/** Who did what to one stream, and under which request: read from the log itself, not a read model. */
@QueryHandler(GetStreamAuditQuery)
export class GetStreamAuditHandler implements IQueryHandler<GetStreamAuditQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ stream }: GetStreamAuditQuery): Promise<StreamAudit> {
    const events = await this.store.read(stream);
    if (events.length === 0) throw new NotFoundException(`stream ${stream} has no events`);
    return { stream, events: events.map(auditEntry) };
  }
}
