import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { Caller } from '../../http/request-context.js';
import { EnrolmentUpload } from './enrolment-upload.js';
import { MarkUpload } from './mark-upload.js';
import type { UploadReport } from './row-outcome.js';

const ENROLMENT_SHEET = {
  schema: {
    type: 'string',
    example:
      'givenName,familyName,email,courseCode,startDate\nAmira,Okafor,amira.okafor@example.org,DS-ETH-01,2026-11-23\n',
  },
};
const MARK_SHEET = {
  schema: {
    type: 'string',
    example:
      'enrolmentId,componentId,mark,submittedAt\n0b6f9a52-3c1d-4e8f-9a7b-5d2c1e0f4a93,essay,64,2026-11-20T16:00:00Z\n',
  },
};

/**
 * Bulk work as registries do it: a CSV sheet (text/csv, a header row) is previewed row by row
 * through the same deciders as the single commands, nothing written; then committed, which writes
 * the rows the preview accepts. Ids and idempotency keys come from the rows, so committing the same
 * sheet again appends nothing.
 */
@ApiTags('bulk')
@ApiBearerAuth()
@Controller('v1/bulk')
export class BulkController {
  constructor(
    private readonly enrolments: EnrolmentUpload,
    private readonly marks: MarkUpload,
  ) {}

  @Post('enrolments/preview')
  @HttpCode(200)
  @Roles('registry')
  @ApiConsumes('text/csv')
  @ApiBody(ENROLMENT_SHEET)
  previewEnrolments(@Body() csv: string, @Caller() caller: CommandContext): Promise<UploadReport> {
    return this.enrolments.preview(csv, caller);
  }

  @Post('enrolments')
  @HttpCode(200)
  @Roles('registry')
  @ApiConsumes('text/csv')
  @ApiBody(ENROLMENT_SHEET)
  commitEnrolments(@Body() csv: string, @Caller() caller: CommandContext): Promise<UploadReport> {
    return this.enrolments.commit(csv, caller);
  }

  @Post('marks/preview')
  @HttpCode(200)
  @Roles('registry', 'tutor')
  @ApiConsumes('text/csv')
  @ApiBody(MARK_SHEET)
  previewMarks(@Body() csv: string, @Caller() caller: CommandContext): Promise<UploadReport> {
    return this.marks.preview(csv, caller);
  }

  @Post('marks')
  @HttpCode(200)
  @Roles('registry', 'tutor')
  @ApiConsumes('text/csv')
  @ApiBody(MARK_SHEET)
  commitMarks(@Body() csv: string, @Caller() caller: CommandContext): Promise<UploadReport> {
    return this.marks.commit(csv, caller);
  }
}
