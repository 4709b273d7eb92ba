import { Module } from '@nestjs/common';
import { boardAwardQueryHandlers } from './board-award.queries.js';
import { ConstituteBoardHandler, VoteOnCaseHandler } from './board.handlers.js';
import { BoardsController } from './boards.controller.js';

/** Boards: constitution, their cases and the members' votes. */
@Module({
  controllers: [BoardsController],
  providers: [ConstituteBoardHandler, VoteOnCaseHandler, ...boardAwardQueryHandlers],
})
export class BoardsModule {}
