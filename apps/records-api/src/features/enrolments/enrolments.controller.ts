import { Body, Controller, ForbiddenException, Get, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Enrolment, EnrolmentCommand } from '#domain';
import type { EnrolmentView } from '#contracts';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { ChangeEnrolmentCommand, StartEnrolmentCommand, type EnrolmentDecided } from './enrolment.handlers.js';
import { GetEnrolmentQuery } from '../learners/record.queries.js';
import { learnersOwnView } from '../learners/views.js';
import {
  AdjustmentDto,
  AdjustmentWithdrawalDto,
  ExtensionDto,
  FeedbackDto,
  LearnerNoteDto,
  MarkDto,
  ResumptionDto,
  StartEnrolmentDto,
  SubmissionDto,
  SuspensionDto,
} from './enrolment.dto.js';
import { ModerateMarkCommand } from './moderate-mark.handler.js';
import { MarkAmendmentDto, ModerationDto, ReasonDto } from './moderation.dto.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';
import { newIdFor } from '../../commands/ids.js';

const enrolled = (decided: EnrolmentDecided): Enrolment => decided.state as Enrolment;
const adjustmentsOf = (e: Enrolment) => ({
  adjustments: e.adjustments ?? [],
  extensionDays: e.extensionDays,
  deadline: e.deadline,
});

@ApiTags('enrolments')
@ApiBearerAuth()
@Controller('v1/enrolments')
export class EnrolmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private change(id: string, command: ChangeEnrolmentCommand['command'], caller: CommandContext) {
    return this.commands.execute(new ChangeEnrolmentCommand(id, command, caller));
  }

  @Post()
  @Roles('registry')
  async start(@Body() body: StartEnrolmentDto, @Caller() caller: CommandContext) {
    const e = enrolled(
      await this.commands.execute(new StartEnrolmentCommand(body.learnerId, body.courseId, body.startDate, caller)),
    );
    return {
      id: e.enrolmentId,
      learnerId: e.learnerId,
      courseId: e.courseId,
      startDate: e.startDate,
      deadline: e.deadline,
      status: e.status,
    };
  }

  @Get(':id')
  @Roles('registry', 'tutor', 'board', 'examiner', 'learner')
  async get(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<EnrolmentView> {
    const view = await this.queries.execute(new GetEnrolmentQuery(id));
    if (caller.role === 'learner' && view.learnerId !== caller.actor)
      throw new ForbiddenException('learners may read only their own enrolments');
    return caller.role === 'learner' ? learnersOwnView(view) : view;
  }

  @Post(':id/suspension')
  @Roles('registry')
  async suspend(@UuidParam() id: string, @Body() body: SuspensionDto, @Caller() caller: CommandContext) {
    const e = enrolled(await this.change(id, { type: 'SuspendEnrolment', data: { ...body } }, caller));
    return { id, status: e.status, suspension: e.suspension, deadline: e.deadline };
  }

  @Post(':id/resumption')
  @Roles('registry')
  async resume(@UuidParam() id: string, @Body() body: ResumptionDto, @Caller() caller: CommandContext) {
    const e = enrolled(await this.change(id, { type: 'ResumeEnrolment', data: { ...body } }, caller));
    return { id, status: e.status, suspendedDays: e.suspendedDays, deadline: e.deadline };
  }

  @Post(':id/extensions')
  @Roles('registry')
  async extend(@UuidParam() id: string, @Body() body: ExtensionDto, @Caller() caller: CommandContext) {
    const e = enrolled(await this.change(id, { type: 'GrantExtension', data: { ...body } }, caller));
    return { id, extensionDays: e.extensionDays, deadline: e.deadline };
  }

  @Post(':id/submissions')
  @Roles('registry', 'learner')
  async submit(@UuidParam() id: string, @Body() body: SubmissionDto, @Caller() caller: CommandContext) {
    const decided = await this.change(id, { type: 'SubmitWork', data: { ...body } }, caller);
    const submitted = decided.events.find((e) => e.type === 'WorkSubmitted');
    if (submitted?.type !== 'WorkSubmitted') throw new Error('no submission recorded');
    const { enrolmentId: _enrolmentId, ...submission } = submitted.data;
    return { id, ...submission };
  }

  @Post(':id/marks')
  @Roles('tutor')
  async mark(@UuidParam() id: string, @Body() body: MarkDto, @Caller() caller: CommandContext) {
    const command: EnrolmentCommand = { type: 'RecordMark', data: { ...body, markerId: caller.actor } };
    const decided = await this.change(id, command as ChangeEnrolmentCommand['command'], caller);
    const marked = decided.events.find((e) => e.type === 'MarkRecorded');
    if (marked?.type !== 'MarkRecorded') throw new Error('no mark recorded');
    const e = enrolled(decided);
    return {
      id,
      componentId: marked.data.componentId,
      attempt: marked.data.attempt,
      mark: marked.data.mark,
      status: e.status,
      ...(e.outcome ? { outcome: e.outcome } : {}),
    };
  }

  /** Second marking / moderation of a sampled mark, by a board member or external examiner. */
  @Post(':id/moderations')
  @Roles('board', 'examiner')
  async moderate(@UuidParam() id: string, @Body() body: ModerationDto, @Caller() caller: CommandContext) {
    const e = enrolled(await this.commands.execute(new ModerateMarkCommand(id, { ...body }, caller)));
    return {
      id,
      status: e.status,
      components: e.attempts[body.componentId],
      ...(e.outcome ? { outcome: e.outcome } : {}),
    };
  }

  @Post(':id/mark-amendments')
  @Roles('tutor')
  async amend(@UuidParam() id: string, @Body() body: MarkAmendmentDto, @Caller() caller: CommandContext) {
    const e = enrolled(
      await this.change(id, { type: 'AmendMark', data: { ...body, amendedBy: caller.actor } }, caller),
    );
    return { id, status: e.status, attempts: e.attempts[body.componentId] };
  }

  @Post(':id/mitigating-circumstances')
  @Roles('registry', 'learner')
  async claimMitigation(@UuidParam() id: string, @Body() body: ReasonDto, @Caller() caller: CommandContext) {
    const e = enrolled(await this.change(id, { type: 'ClaimMitigatingCircumstances', data: { ...body } }, caller));
    return { id, mitigatingCircumstances: e.mitigatingCircumstances };
  }

  @Post(':id/integrity-flags')
  @Roles('registry', 'tutor')
  async flagIntegrity(@UuidParam() id: string, @Body() body: ReasonDto, @Caller() caller: CommandContext) {
    const e = enrolled(
      await this.change(id, { type: 'RaiseIntegrityFlag', data: { ...body, raisedBy: caller.actor } }, caller),
    );
    return { id, integrityFlags: e.integrityFlags };
  }

  @Post(':id/learner-notes')
  @Roles('learner')
  async addLearnerNote(@UuidParam() id: string, @Body() body: LearnerNoteDto, @Caller() caller: CommandContext) {
    const e = enrolled(await this.change(id, { type: 'AddLearnerNote', data: { ...body } }, caller));
    return { id, learnerNotes: e.learnerNotes };
  }

  /** Feedback on the latest attempt at a component, by a tutor assigned to the course; the learner sees it. */
  @Post(':id/feedback')
  @Roles('tutor')
  async giveFeedback(@UuidParam() id: string, @Body() body: FeedbackDto, @Caller() caller: CommandContext) {
    const e = enrolled(
      await this.change(id, { type: 'GiveFeedback', data: { ...body, givenBy: caller.actor } }, caller),
    );
    return { id, componentId: body.componentId, attempts: e.attempts[body.componentId] };
  }

  /** A reasonable adjustment, approved by the calling registry officer; its extension days move the deadline. */
  @Post(':id/adjustments')
  @Roles('registry')
  async recordAdjustment(@UuidParam() id: string, @Body() body: AdjustmentDto, @Caller() caller: CommandContext) {
    const data = { ...body, adjustmentId: newIdFor(caller, 'adjustment'), approvedBy: caller.actor };
    const e = enrolled(await this.change(id, { type: 'RecordReasonableAdjustment', data }, caller));
    return { id, adjustmentId: data.adjustmentId, ...adjustmentsOf(e) };
  }

  @Post(':id/adjustments/:adjustmentId/withdrawal')
  @Roles('registry')
  async withdrawAdjustment(
    @UuidParam() id: string,
    @UuidParam('adjustmentId') adjustmentId: string,
    @Body() body: AdjustmentWithdrawalDto,
    @Caller() caller: CommandContext,
  ) {
    const data = { adjustmentId, reason: body.reason, withdrawnBy: caller.actor };
    const e = enrolled(await this.change(id, { type: 'WithdrawReasonableAdjustment', data }, caller));
    return { id, adjustmentId, ...adjustmentsOf(e) };
  }
}
