import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator.js';
import { GetStreamAuditQuery, type StreamAudit } from './audit.queries.js';
import { AuditQueryDto } from './audit.dto.js';

/**
 * The audit trail of one stream: every event with who, in which role, when and under which
 * request. Lookup by correlation id is left out: the store has no index on it, so it would scan
 * the whole log on each call.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('registry')
  stream(@Query() query: AuditQueryDto): Promise<StreamAudit> {
    return this.queries.execute(new GetStreamAuditQuery(query.stream));
  }
}
