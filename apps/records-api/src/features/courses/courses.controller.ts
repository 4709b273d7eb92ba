import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CourseView } from '#contracts';
import { courseDefinitionWarnings, type CourseState, type CourseWarning } from '#domain';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { ChangeCourseCommand, DefineCourseCommand } from './course.handlers.js';
import { AssignTutorCommand } from './assign-tutor.handler.js';
import { GetCourseQuery } from '../learners/record.queries.js';
import { courseView } from '../learners/views.js';
import {
  CourseApprovalDto,
  CourseVersionDto,
  CourseWithdrawalDto,
  CreateCourseDto,
  TutorAssignmentDto,
  TutorReleaseQueryDto,
} from './course.dto.js';
import { TutorIdParam, UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';

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
  async define(
    @Body() body: CreateCourseDto,
    @Caller() caller: CommandContext,
  ): Promise<CourseView & { warnings: CourseWarning[] }> {
    const state = await this.commands.execute(new DefineCourseCommand({ ...body }, caller));
    if (state.status === 'none') throw new Error('course not defined');
    // Warnings travel in the response only: the course is defined, and nothing about them is stored.
    return { ...courseView(state), warnings: courseDefinitionWarnings(state) };
  }

  @Get(':id')
  get(@UuidParam() id: string): Promise<CourseView> {
    return this.queries.execute(new GetCourseQuery(id));
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('registry')
  withdraw(
    @UuidParam() id: string,
    @Body() body: CourseWithdrawalDto,
    @Caller() caller: CommandContext,
  ): Promise<CourseView> {
    return this.change(id, { type: 'ScheduleCourseWithdrawal', data: { courseId: id, ...body } }, caller);
  }

  /** Approves the draft, or the version awaiting approval; the approved version takes enrolments. */
  @Post(':id/approval')
  @HttpCode(200)
  @Roles('registry')
  approve(
    @UuidParam() id: string,
    @Body() body: CourseApprovalDto,
    @Caller() caller: CommandContext,
  ): Promise<CourseView> {
    return this.change(id, { type: 'ApproveCourse', data: { courseId: id, ...body } }, caller);
  }

  /** A change is a new version: a draft's is replaced, an approved course's awaits approval (enrolments keep theirs). */
  @Post(':id/versions')
  @HttpCode(201)
  @Roles('registry')
  revise(
    @UuidParam() id: string,
    @Body() body: CourseVersionDto,
    @Caller() caller: CommandContext,
  ): Promise<CourseView> {
    const { reason, approval: _approval, tutorIds: _tutorIds, ...definition } = body;
    return this.change(
      id,
      { type: 'ReviseCourse', data: { definition: { ...definition, courseId: id }, reason } },
      caller,
    );
  }

  /** Only an assigned tutor may mark (or amend, or flag) the course's enrolments. */
  @Post(':id/tutors')
  @Roles('registry')
  assignTutor(
    @UuidParam() id: string,
    @Body() body: TutorAssignmentDto,
    @Caller() caller: CommandContext,
  ): Promise<CourseView> {
    return this.assigned(
      this.commands.execute(
        new AssignTutorCommand({ courseId: id, tutorId: body.tutorId, assignedBy: caller.actor }, caller),
      ),
    );
  }

  /** `?reason=` is optional: a release needs none to take effect, but one is recorded when given. */
  @Delete(':id/tutors/:tutorId')
  @Roles('registry')
  releaseTutor(
    @UuidParam() id: string,
    @TutorIdParam() tutorId: string,
    @Query() query: TutorReleaseQueryDto,
    @Caller() caller: CommandContext,
  ): Promise<CourseView> {
    const reason = query.reason ?? 'No reason given';
    return this.change(id, { type: 'ReleaseTutor', data: { courseId: id, tutorId, reason } }, caller);
  }

  private change(id: string, command: ChangeCourseCommand['command'], caller: CommandContext): Promise<CourseView> {
    return this.assigned(this.commands.execute(new ChangeCourseCommand(id, command, caller)));
  }

  private async assigned(changed: Promise<CourseState>): Promise<CourseView> {
    const state = await changed;
    if (state.status === 'none') throw new Error('course not defined');
    return courseView(state);
  }
}
