import { Body, Controller, ForbiddenException, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ErasedLearner } from '#domain';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { EraseLearnerCommand } from './learner.handlers.js';
import { GetLearnerExportQuery, type LearnerExport } from './learner-export.queries.js';
import { EraseLearnerDto } from './learner.dto.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';

/** Personal data rights: erasure (crypto-shredding) and the subject-access export. */
@ApiTags('learners')
@ApiBearerAuth()
@Controller('v1/learners')
export class LearnerPrivacyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /**
   * Destroys the learner's personal-data key and records the erasure: their name and email read as
   * erased everywhere at once; enrolments, marks and awards stay, and credentials still verify.
   */
  @Post(':id/erasure')
  @HttpCode(200)
  @Roles('registry')
  async erase(
    @UuidParam() id: string,
    @Body() body: EraseLearnerDto,
    @Caller() caller: CommandContext,
  ): Promise<{ id: string; erased: true; erasedAt: string }> {
    const { state } = await this.commands.execute(new EraseLearnerCommand(id, body.reason, caller));
    return { id, erased: true, erasedAt: (state as ErasedLearner).erasedAt };
  }

  @Get(':id/export')
  @Roles('registry', 'learner')
  export(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<LearnerExport> {
    if (caller.role === 'learner' && caller.actor !== id)
      throw new ForbiddenException('learners may export only their own data');
    return this.queries.execute(new GetLearnerExportQuery(id, caller.role === 'learner' ? 'learner' : 'staff'));
  }
}
