import { Body, Controller, ForbiddenException, Get, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LearnerRecordView } from '#contracts';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { RegisterLearnerCommand } from './learner.handlers.js';
import { GetLearnerRecordQuery } from './record.queries.js';
import { learnersOwnView } from './views.js';
import { RegisterLearnerDto } from './learner.dto.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';

@ApiTags('learners')
@ApiBearerAuth()
@Controller('v1/learners')
export class LearnersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('registry')
  async register(@Body() body: RegisterLearnerDto, @Caller() caller: CommandContext): Promise<{ id: string }> {
    const state = await this.commands.execute(new RegisterLearnerCommand({ ...body }, caller));
    if (state.status === 'none') throw new Error('learner not registered');
    return { id: state.learnerId };
  }

  @Get(':id/record')
  @Roles('registry', 'learner')
  async record(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<LearnerRecordView> {
    if (caller.role === 'learner' && caller.actor !== id)
      throw new ForbiddenException('learners may read only their own record');
    const record = await this.queries.execute(new GetLearnerRecordQuery(id));
    return caller.role === 'learner' ? { ...record, enrolments: record.enrolments.map(learnersOwnView) } : record;
  }
}
