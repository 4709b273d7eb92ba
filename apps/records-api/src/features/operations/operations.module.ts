import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { GetStreamAuditHandler } from './audit.queries.js';
import { HealthController } from './health.controller.js';
import { ParkedStreamsController } from './parked-streams.controller.js';
import { ListParkedStreamsHandler } from './parked-streams.queries.js';
import { RetryParkedStreamHandler } from './retry-parked-stream.handler.js';
import { SignInOptionsController } from './sign-in-options.controller.js';

/** Running the service: health, metrics, how to sign in, the audit trail of a stream, and the streams consumers parked. */
@Module({
  controllers: [HealthController, AuditController, ParkedStreamsController, SignInOptionsController],
  providers: [GetStreamAuditHandler, ListParkedStreamsHandler, RetryParkedStreamHandler],
})
export class OperationsModule {}
