import { Body, Controller, ForbiddenException, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AppealState } from '#domain';
import type { AppealQueueItem, AppealView, LearnerAppealsView } from '#contracts';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';
import { ChangeAppealCommand, LodgeAppealCommand } from './appeal.handlers.js';
import { appealView, GetAppealQuery } from './appeal.queries.js';
import { ListAppealsQuery, ListLearnerAppealsQuery } from './appeal-lists.queries.js';
import { AppealOutcomeDto, AppealQueryDto, LodgeAppealDto } from './appeals.dto.js';

/**
 * Academic appeals: the learner appeals the board's confirmed decision on their own enrolment; the
 * registry (an appeals officer who did not sit on the deciding board) acknowledges, reviews and decides.
 */
@ApiTags('appeals')
@ApiBearerAuth()
@Controller('v1')
export class AppealsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('enrolments/:id/appeals')
  @Roles('learner')
  async lodge(
    @UuidParam() id: string,
    @Body() body: LodgeAppealDto,
    @Caller() caller: CommandContext,
  ): Promise<AppealView> {
    const { grounds, statement } = body;
    return this.viewOf(await this.commands.execute(new LodgeAppealCommand(id, { grounds, statement }, caller)));
  }

  /** The registry's queue: every open appeal, oldest first, or those of one status. */
  @Get('appeals')
  @Roles('registry')
  queue(@Query() query: AppealQueryDto): Promise<AppealQueueItem[]> {
    return this.queries.execute(new ListAppealsQuery(query.status));
  }

  /** A learner's appeals and the appeal window: their record shows each appeal on its result. */
  @Get('learners/:id/appeals')
  @Roles('registry', 'learner')
  learnerAppeals(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<LearnerAppealsView> {
    if (caller.role === 'learner' && caller.actor !== id)
      throw new ForbiddenException('learners may read only their own appeals');
    return this.queries.execute(new ListLearnerAppealsQuery(id));
  }

  @Get('appeals/:id')
  @Roles('registry', 'learner')
  get(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<AppealView> {
    return this.queries.execute(new GetAppealQuery(id, caller));
  }

  @Post('appeals/:id/acknowledgement')
  @HttpCode(200)
  @Roles('registry')
  async acknowledge(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<AppealView> {
    return this.viewOf(await this.commands.execute(new ChangeAppealCommand(id, 'acknowledge', caller)));
  }

  @Post('appeals/:id/review')
  @HttpCode(200)
  @Roles('registry')
  async review(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<AppealView> {
    return this.viewOf(await this.commands.execute(new ChangeAppealCommand(id, 'review', caller)));
  }

  @Post('appeals/:id/outcome')
  @HttpCode(200)
  @Roles('registry')
  async decide(
    @UuidParam() id: string,
    @Body() body: AppealOutcomeDto,
    @Caller() caller: CommandContext,
  ): Promise<AppealView> {
    const { upheld, remedy, componentId, rationale } = body;
    const outcome = { upheld, rationale, ...(remedy ? { remedy } : {}), ...(componentId ? { componentId } : {}) };
    return this.viewOf(await this.commands.execute(new ChangeAppealCommand(id, outcome, caller)));
  }

  private viewOf({ state }: { state: AppealState }): AppealView {
    return appealView(state);
  }
}
