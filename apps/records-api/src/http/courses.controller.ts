import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator.js';
import type { CommandContext } from '../commands/command-context.js';
import { DefineCourseCommand, ScheduleCourseWithdrawalCommand } from '../commands/course.handlers.js';
import { GetCourseQuery } from '../queries/record.queries.js';
import { courseView, type CourseView } from '../queries/views.js';
import { CourseWithdrawalDto, CreateCourseDto } from './dto/course.dto.js';
import { UuidParam } from './params.js';
import { Caller } from './request-context.js';

@ApiTags('courses')
@ApiBearerAuth()
@Controller('v1/courses')
export class CoursesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('registry')
  async define(@Body() body: CreateCourseDto, @Caller() caller: CommandContext): Promise<CourseView> {
    const state = await this.commands.execute(new DefineCourseCommand({ ...body }, caller));
    if (state.status === 'none') throw new Error('course not defined');
    return courseView(state);
  }

  @Get(':id')
  get(@UuidParam() id: string): Promise<CourseView> {
    return this.queries.execute(new GetCourseQuery(id));
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('registry')
  async withdraw(
    @UuidParam() id: string,
    @Body() body: CourseWithdrawalDto,
    @Caller() caller: CommandContext,
  ): Promise<CourseView> {
    const state = await this.commands.execute(new ScheduleCourseWithdrawalCommand(id, body.withdrawnFrom, body.reason, caller));
    if (state.status === 'none') throw new Error('course not defined');
    return courseView(state);
  }
}
