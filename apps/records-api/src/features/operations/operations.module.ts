import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { GetStreamAuditHandler } from './audit.queries.js';
import { HealthController } from './health.controller.js';

/** Running the service: health, metrics and the audit trail of a stream. */
@Module({
  controllers: [HealthController, AuditController],
  providers: [GetStreamAuditHandler],
})
export class OperationsModule {}
