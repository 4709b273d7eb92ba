import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { systemClock, type Clock } from '#domain';
import { CommandsModule } from './commands/commands.module.js';
import type { AppConfig, ProcessManagersFactory } from '#runtime';
import { AppealsModule } from './features/appeals/appeals.module.js';
import { AwardsModule } from './features/awards/awards.module.js';
import { BoardsModule } from './features/boards/boards.module.js';
import { BulkModule } from './features/bulk/bulk.module.js';
import { CoursesModule } from './features/courses/courses.module.js';
import { CredentialsModule } from './features/credentials/credentials.module.js';
import { EnrolmentsModule } from './features/enrolments/enrolments.module.js';
import { IntegrationsModule } from './features/integrations/integrations.module.js';
import { LearnersModule } from './features/learners/learners.module.js';
import { LedgerModule } from './features/ledger/ledger.module.js';
import { OperationsModule } from './features/operations/operations.module.js';
import { WorkspaceModule } from './features/workspace/workspace.module.js';
import { HttpModule } from './http/http.module.js';
import { InfrastructureModule } from './infrastructure/infrastructure.module.js';
import { PersonalDataModule } from './personal-data/personal-data.module.js';

/** The feature modules of the records API, in the order their routes register. */
export const FEATURE_MODULES = [
  OperationsModule,
  CoursesModule,
  LearnersModule,
  EnrolmentsModule,
  BoardsModule,
  AwardsModule,
  IntegrationsModule,
  LedgerModule,
  CredentialsModule,
  WorkspaceModule,
  BulkModule,
  AppealsModule,
];

/** The records API: commands in, queries out of the projections, over Fastify. */
@Module({})
export class RecordsApiModule {
  static forRoot(
    config: AppConfig,
    clock: Clock = systemClock,
    processes?: ProcessManagersFactory,
    playsProjector?: boolean,
  ): DynamicModule {
    return {
      module: RecordsApiModule,
      imports: [
        InfrastructureModule.forRoot(config, clock, processes, playsProjector),
        CqrsModule.forRoot(),
        CommandsModule,
        PersonalDataModule,
        HttpModule,
        ...FEATURE_MODULES,
      ],
    };
  }
}
