import { Controller, ForbiddenException, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Clock } from '#domain';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { CLOCK } from '../../infrastructure/tokens.js';
import type { CourseView } from '../learners/views.js';
import {
  GetCourseMonitoringQuery,
  ListCoursesQuery,
  ListLearnersQuery,
  type LearnerSummary,
} from './catalogue.queries.js';
import type { CourseMonitoring } from './course-monitoring.js';
import { GetLearnerTimelineQuery, type LearnerTimeline } from './timeline.queries.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';
import { LearnerSearchDto } from './workspace.dto.js';

/** Lists and overviews for the web app: the catalogue, course monitoring, the learner directory and timelines. */
@ApiTags('workspace')
@ApiBearerAuth()
@Controller('v1')
export class CatalogueController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every course, by code (any signed-in caller, like a single course). */
  @Get('courses')
  courses(): Promise<CourseView[]> {
    return this.queries.execute(new ListCoursesQuery());
  }

  @Get('courses/:id/monitoring')
  @Roles('registry')
  monitoring(@UuidParam() id: string): Promise<CourseMonitoring & { course: CourseView }> {
    return this.queries.execute(new GetCourseMonitoringQuery(id, this.clock.now()));
  }

  @Get('learners')
  @Roles('registry')
  learners(@Query() query: LearnerSearchDto): Promise<LearnerSummary[]> {
    return this.queries.execute(new ListLearnersQuery(query.search));
  }

  /** Everything that happened to a learner, in order; a learner may read their own. */
  @Get('learners/:id/timeline')
  @Roles('registry', 'learner')
  timeline(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<LearnerTimeline> {
    if (caller.role === 'learner' && caller.actor !== id)
      throw new ForbiddenException('learners may read only their own timeline');
    return this.queries.execute(new GetLearnerTimelineQuery(id, caller.role === 'learner' ? 'learner' : 'staff'));
  }
}
