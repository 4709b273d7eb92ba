import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { UuidParam } from '../../http/params.js';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Board, Clock } from '#domain';
import { Roles } from '../../auth/roles.decorator.js';
import { ConstituteBoardCommand, VoteOnCaseCommand } from './board.handlers.js';
import type { CommandContext } from '../../commands/command-context.js';
import { CLOCK } from '../../infrastructure/tokens.js';
import type { BoardView, CaseView } from '#contracts';
import { ListBoardsQuery, ListCasesQuery } from './board-award.queries.js';
import { CaseDecisionDto, CaseQueryDto, ConstituteBoardDto } from './board.dto.js';
import { Caller } from '../../http/request-context.js';

@ApiTags('boards')
@ApiBearerAuth()
@Controller('v1/boards')
export class BoardsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('registry')
  async constitute(@Body() body: ConstituteBoardDto, @Caller() caller: CommandContext) {
    const { state } = await this.commands.execute(
      new ConstituteBoardCommand({ ...body, members: body.members.map((m) => ({ ...m })) }, caller),
    );
    const { cases: _cases, status: _status, boardId, ...board } = state as Board;
    return { id: boardId, ...board };
  }

  /** The standing boards, by name: the web app's board picker and minutes links. */
  @Get()
  @Roles('board', 'registry', 'examiner')
  boards(): Promise<BoardView[]> {
    return this.queries.execute(new ListBoardsQuery());
  }

  @Get('cases')
  @Roles('board', 'registry', 'examiner')
  cases(@Query() query: CaseQueryDto, @Caller() caller: CommandContext): Promise<CaseView[]> {
    const { status = 'pending', boardId, courseId } = query;
    return this.queries.execute(new ListCasesQuery({ status, boardId, courseId }, this.clock.now(), caller));
  }

  @Post('cases/:id/decisions')
  @Roles('board')
  async decide(@UuidParam() caseId: string, @Body() body: CaseDecisionDto, @Caller() caller: CommandContext) {
    const { state } = await this.commands.execute(new VoteOnCaseCommand(caseId, { ...body }, caller));
    const decided = (state as Board).cases[caseId];
    return { id: caseId, status: decided?.status, votes: decided?.votes, decision: decided?.decision ?? null };
  }
}
