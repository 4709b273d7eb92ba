import { Body, Controller, ForbiddenException, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { IssuedAward } from '#domain';
import { Roles } from '../../auth/roles.decorator.js';
import { RevokeAwardCommand } from './award.handlers.js';
import type { CommandContext } from '../../commands/command-context.js';
import { PersonalDataReader } from '../../personal-data/personal-data-reader.js';
import { awardView, GetAwardQuery, type AwardView } from '../boards/board-award.queries.js';
import { ReasonDto } from '../enrolments/moderation.dto.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';

@ApiTags('awards')
@ApiBearerAuth()
@Controller('v1/awards')
export class AwardsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly personalData: PersonalDataReader,
  ) {}

  @Get(':id')
  @Roles('registry', 'board', 'examiner', 'integration', 'learner')
  async get(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<AwardView> {
    const award = await this.queries.execute(new GetAwardQuery(id));
    if (caller.role === 'learner' && award.learnerId !== caller.actor)
      throw new ForbiddenException('learners may read only their own awards');
    return award;
  }

  @Post(':id/revocation')
  @HttpCode(200)
  @Roles('registry')
  async revoke(@UuidParam() id: string, @Body() body: ReasonDto, @Caller() caller: CommandContext): Promise<AwardView> {
    const { state } = await this.commands.execute(new RevokeAwardCommand(id, body.reason, caller));
    return awardView(await this.personalData.award(state as IssuedAward));
  }
}
