import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { systemClock, type Clock } from '#domain';
import { AuthGuard } from './auth/auth.guard.js';
import { commandHandlers } from './commands/index.js';
import { DeciderRunner } from './commands/decider-runner.js';
import type { AppConfig } from './config/app-config.js';
import { CoursesController } from './http/courses.controller.js';
import { EnrolmentsController } from './http/enrolments.controller.js';
import { ErrorFilter } from './http/error-filter.js';
import { HealthController } from './http/health.controller.js';
import { LearnersController } from './http/learners.controller.js';
import { InfrastructureModule, type ProcessManagersFactory } from './infrastructure/infrastructure.module.js';
import { queryHandlers } from './queries/record.queries.js';
import { boardAwardQueryHandlers } from './queries/board-award.queries.js';
import { AwardsController } from './http/awards.controller.js';
import { BoardsController } from './http/boards.controller.js';
import { FeedController } from './http/feed.controller.js';
import { DeadlineSweep } from './sweep/deadline-sweep.js';
import { AuditController } from './http/audit.controller.js';
import { idempotencyProviders } from './http/idempotency/idempotency.providers.js';
import { GetStreamAuditHandler } from './queries/audit.queries.js';
import { LearnerLedgerController } from './http/ledger/learner-ledger.controller.js';
import { PathwaysController } from './http/ledger/pathways.controller.js';
import { ledgerQueryHandlers } from './queries/ledger.queries.js';
import { credentialControllers } from './http/credentials/index.js';
import { credentialProviders } from './credentials/credentials.providers.js';
import { workspaceControllers, workspaceQueryHandlers } from './http/workspace/index.js';
import { personalDataControllers, personalDataProviders } from './personal-data/index.js';
import { IntegrationsModule } from './features/integrations/integrations.module.js';

/** The records API: commands in, queries out of the projections, over Fastify. */
@Module({})
export class RecordsApiModule {
  static forRoot(config: AppConfig, clock: Clock = systemClock, processes?: ProcessManagersFactory): DynamicModule {
    return {
      module: RecordsApiModule,
      imports: [InfrastructureModule.forRoot(config, clock, processes), CqrsModule.forRoot(), IntegrationsModule],
      controllers: [
        HealthController,
        CoursesController,
        LearnersController,
        EnrolmentsController,
        BoardsController,
        AwardsController,
        FeedController,
        AuditController,
        PathwaysController,
        LearnerLedgerController,
        ...credentialControllers,
        ...workspaceControllers,
        ...personalDataControllers,
      ],
      providers: [
        DeciderRunner,
        DeadlineSweep,
        ...commandHandlers,
        ...queryHandlers,
        ...boardAwardQueryHandlers,
        ...ledgerQueryHandlers,
        ...workspaceQueryHandlers,
        GetStreamAuditHandler,
        ...idempotencyProviders,
        ...credentialProviders,
        ...personalDataProviders,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
