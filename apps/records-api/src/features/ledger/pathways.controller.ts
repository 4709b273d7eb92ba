import { Body, Controller, Get, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PathwayView } from '#contracts';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { DefinePathwayCommand } from './ledger.handlers.js';
import { GetPathwayQuery, ListPathwaysQuery, pathwayView } from './ledger.queries.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';
import { CreatePathwayDto } from './ledger.dto.js';

@ApiTags('pathways')
@ApiBearerAuth()
@Controller('v1/pathways')
export class PathwaysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('registry')
  async define(@Body() body: CreatePathwayDto, @Caller() caller: CommandContext): Promise<PathwayView> {
    const state = await this.commands.execute(new DefinePathwayCommand({ ...body }, caller));
    if (state.status === 'none') throw new Error('pathway not defined');
    const { status: _status, ...pathway } = state;
    return pathwayView(pathway);
  }

  /** The pathways by title: the web app's pathway picker (conferment). */
  @Get()
  @Roles('registry')
  list(): Promise<PathwayView[]> {
    return this.queries.execute(new ListPathwaysQuery());
  }

  @Get(':id')
  @Roles('registry', 'learner')
  get(@UuidParam() id: string): Promise<PathwayView> {
    return this.queries.execute(new GetPathwayQuery(id));
  }
}
