import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Clock } from '#domain';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';
import { CLOCK } from '../../infrastructure/tokens.js';
import { GetCourseMonitoringQuery } from '../workspace/catalogue.queries.js';
import { ListMarkingQueueQuery } from '../workspace/marking.queries.js';
import { MarkingQueueQueryDto } from '../workspace/workspace.dto.js';
import { BoardMinutesQuery, CourseMarkSheetQuery } from './csv-export.queries.js';
import {
  csvOf,
  MARK_SHEET_COLUMNS,
  MINUTES_COLUMNS,
  MONITORING_COLUMNS,
  monitoringSheet,
  QUEUE_COLUMNS,
  queueSheet,
} from './csv-sheets.js';

const sent = (reply: FastifyReply, filename: string, csv: string): string => {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${filename}"`);
  return csv;
};

/** CSV exports, each a `.csv` route beside the JSON it flattens (a link the web app fetches with the token). */
@ApiTags('bulk')
@ApiBearerAuth()
@ApiProduces('text/csv')
@Controller('v1')
export class CsvExportController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The course's mark sheet: a row per enrolment and component; fill in `mark` and upload it to /v1/bulk/marks. */
  @Get('courses/:id/marks.csv')
  @Roles('registry')
  async marks(@UuidParam() id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const sheet = await this.queries.execute(new CourseMarkSheetQuery(id));
    return sent(reply, `marks-${id}.csv`, csvOf(MARK_SHEET_COLUMNS, sheet));
  }

  @Get('courses/:id/monitoring.csv')
  @Roles('registry')
  async monitoring(@UuidParam() id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const monitoring = await this.queries.execute(new GetCourseMonitoringQuery(id, this.clock.now()));
    return sent(
      reply,
      `monitoring-${monitoring.course.code}.csv`,
      csvOf(MONITORING_COLUMNS, monitoringSheet(monitoring)),
    );
  }

  /** Every decided case of the board: the minutes. */
  @Get('boards/:id/minutes.csv')
  @Roles('registry', 'board', 'examiner')
  async minutes(@UuidParam() id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const sheet = await this.queries.execute(new BoardMinutesQuery(id));
    return sent(reply, `minutes-${id}.csv`, csvOf(MINUTES_COLUMNS, sheet));
  }

  /** The marking queue as a mark sheet (anonymous); a tutor's own courses only. */
  @Get('marking/queue.csv')
  @Roles('tutor', 'registry')
  async queue(
    @Query() query: MarkingQueueQueryDto,
    @Caller() caller: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const tutorId = caller.role === 'tutor' ? caller.actor : undefined;
    const items = await this.queries.execute(new ListMarkingQueueQuery(this.clock.now(), tutorId, query.courseId));
    return sent(reply, 'marking-queue.csv', csvOf(QUEUE_COLUMNS, queueSheet(items)));
  }
}
