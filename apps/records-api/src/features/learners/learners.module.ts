import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module.js';
import { GetLearnerExportHandler } from './learner-export.queries.js';
import { EraseLearnerHandler, RegisterLearnerHandler } from './learner.handlers.js';
import { LearnerPrivacyController } from './learner-privacy.controller.js';
import { LearnersController } from './learners.controller.js';
import { queryHandlers } from './record.queries.js';

/** Learners: registration, the learner record, erasure and subject-access export. */
@Module({
  imports: [CredentialsModule],
  controllers: [LearnersController, LearnerPrivacyController],
  providers: [RegisterLearnerHandler, EraseLearnerHandler, ...queryHandlers, GetLearnerExportHandler],
})
export class LearnersModule {}
