import { Module } from '@nestjs/common';
import { RevokeAwardHandler } from './award.handlers.js';
import { AwardsController } from './awards.controller.js';

/** Awards: reading and revoking what boards conferred. */
@Module({
  controllers: [AwardsController],
  providers: [RevokeAwardHandler],
})
export class AwardsModule {}
