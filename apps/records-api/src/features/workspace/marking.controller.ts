import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Clock } from '#domain';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { CLOCK } from '../../infrastructure/tokens.js';
import {
  GetModerationResultsQuery,
  ListMarkingQueueQuery,
  ListModerationQueueQuery,
  type MarkingQueueItem,
  type ModerationResults,
} from './marking.queries.js';
import { Caller } from '../../http/request-context.js';
import { MarkingQueueQueryDto } from './workspace.dto.js';

/** The marking side of the web app: what waits for a mark, for a moderator, and how a marker fared. */
@ApiTags('marking')
@ApiBearerAuth()
@Controller('v1/marking')
export class MarkingController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Submissions without a mark, oldest first (anonymous: no learner names); a tutor's own courses only. */
  @Get('queue')
  @Roles('tutor', 'registry')
  queue(@Query() query: MarkingQueueQueryDto, @Caller() caller: CommandContext): Promise<MarkingQueueItem[]> {
    const tutorId = caller.role === 'tutor' ? caller.actor : undefined;
    return this.queries.execute(new ListMarkingQueueQuery(this.clock.now(), tutorId, query.courseId));
  }

  /** Sampled marks waiting for a moderator, longest waiting first. */
  @Get('moderation-queue')
  @Roles('board', 'examiner', 'registry')
  moderationQueue(): Promise<MarkingQueueItem[]> {
    return this.queries.execute(new ListModerationQueueQuery(this.clock.now()));
  }

  /** The calling tutor's own sampled marks and what moderation decided. */
  @Get('moderation-results')
  @Roles('tutor')
  moderationResults(@Caller() caller: CommandContext): Promise<ModerationResults> {
    return this.queries.execute(new GetModerationResultsQuery(caller.actor, this.clock.now()));
  }
}
