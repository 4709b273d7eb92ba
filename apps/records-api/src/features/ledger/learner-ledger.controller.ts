import { Body, ConflictException, Controller, ForbiddenException, Get, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PathwayNotEligible, type PathwayProgress } from '#domain';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { ConferPathwayCommand, DecidePriorLearningCommand, RecordAccessRplCommand } from './ledger.handlers.js';
import { GetPathwayProgressQuery } from './ledger.queries.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';
import { AccessRplDto, CreditDecisionDto } from './ledger.dto.js';

/** A learner's credit ledger: prior learning decisions, progress towards pathways, conferment. */
@ApiTags('credit ledger')
@ApiBearerAuth()
@Controller('v1/learners/:id')
export class LearnerLedgerController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('credits')
  @Roles('registry')
  async decideCredit(@UuidParam() id: string, @Body() body: CreditDecisionDto, @Caller() caller: CommandContext) {
    const { events } = await this.commands.execute(new DecidePriorLearningCommand(id, { ...body }, caller));
    const { data } = events[0]!;
    return { id: (data as { creditId: string }).creditId, decision: body.decision, ...data };
  }

  @Post('access-rpl')
  @Roles('registry')
  async recordAccessRpl(@UuidParam() id: string, @Body() body: AccessRplDto, @Caller() caller: CommandContext) {
    const { events } = await this.commands.execute(new RecordAccessRplCommand(id, { ...body }, caller));
    return events[0]!.data;
  }

  @Get('pathways/:pathwayId/progress')
  @Roles('registry', 'learner')
  progress(
    @UuidParam() id: string,
    @UuidParam('pathwayId') pathwayId: string,
    @Caller() caller: CommandContext,
  ): Promise<PathwayProgress> {
    if (caller.role === 'learner' && caller.actor !== id)
      throw new ForbiddenException('learners may read only their own progress');
    return this.queries.execute(new GetPathwayProgressQuery(id, pathwayId));
  }

  /** 201 with the conferment, or 409 whose messages are the reasons the learner is not yet eligible. */
  @Post('pathways/:pathwayId/conferment')
  @Roles('registry')
  async confer(@UuidParam() id: string, @UuidParam('pathwayId') pathwayId: string, @Caller() caller: CommandContext) {
    try {
      const { events } = await this.commands.execute(new ConferPathwayCommand(id, pathwayId, caller));
      return events[0]!.data;
    } catch (error) {
      if (error instanceof PathwayNotEligible) throw new ConflictException(error.missing);
      throw error;
    }
  }
}
