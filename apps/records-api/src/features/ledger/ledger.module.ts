import { Module } from '@nestjs/common';
import { LearnerLedgerController } from './learner-ledger.controller.js';
import { ledgerCommandHandlers } from './ledger.handlers.js';
import { ledgerQueryHandlers } from './ledger.queries.js';
import { PathwaysController } from './pathways.controller.js';

/** The credit ledger: pathways, prior-learning decisions, access RPL and conferring pathways. */
@Module({
  controllers: [PathwaysController, LearnerLedgerController],
  providers: [...ledgerCommandHandlers, ...ledgerQueryHandlers],
})
export class LedgerModule {}
