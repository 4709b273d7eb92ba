import { Module } from '@nestjs/common';
import { ChangeAppealHandler, LodgeAppealHandler } from './appeal.handlers.js';
import { ListAppealsHandler, ListLearnerAppealsHandler } from './appeal-lists.queries.js';
import { GetAppealHandler } from './appeal.queries.js';
import { AppealsController } from './appeals.controller.js';

/** Academic appeals against a board's confirmed decision (the board runner carries out an upheld one). */
@Module({
  controllers: [AppealsController],
  providers: [LodgeAppealHandler, ChangeAppealHandler, GetAppealHandler, ListAppealsHandler, ListLearnerAppealsHandler],
})
export class AppealsModule {}
