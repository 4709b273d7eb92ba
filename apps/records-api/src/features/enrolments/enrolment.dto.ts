import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  ADJUSTMENT_DAYS_RULE,
  ADJUSTMENT_TYPE_RULE,
  ADJUSTMENT_TYPES,
  IDENTITY_VERIFICATION_METHODS,
  MAX_EXTENSION_DAYS,
  MAX_MARK,
  MIN_MARK,
  type AdjustmentType,
  type IdentityVerification,
} from '#domain';
import { BoundedText, IsoDateField, MarkField, RequiredText } from '../../http/dto-fields.js';

export class StartEnrolmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId!: string;

  @ApiProperty({ example: '2026-11-23', description: "the learner's own start date" })
  @IsoDateField('startDate')
  startDate!: string;
}

export class SuspensionDto {
  @ApiProperty({ example: '2026-12-01' })
  @IsoDateField('from')
  from!: string;

  @ApiProperty({ example: 'Caring responsibilities' })
  @RequiredText()
  reason!: string;
}

export class ResumptionDto {
  @ApiProperty({ example: '2027-01-10' })
  @IsoDateField('on')
  on!: string;
}

export class ExtensionDto {
  @ApiProperty({ example: 14 })
  @IsInt()
  @Min(1)
  @Max(MAX_EXTENSION_DAYS)
  days!: number;

  @ApiProperty({ example: 'Mitigating circumstances accepted' })
  @RequiredText()
  reason!: string;
}

export class SubmissionDto {
  @ApiProperty({ example: 'essay' })
  @RequiredText()
  componentId!: string;

  @ApiPropertyOptional({ example: '2026-11-23T10:15:00Z', description: 'when the learner submitted; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'submittedAt must be an ISO 8601 date-time' })
  submittedAt?: string;

  @ApiPropertyOptional({ enum: IDENTITY_VERIFICATION_METHODS, default: 'single-sign-on' })
  @IsOptional()
  @IsIn(IDENTITY_VERIFICATION_METHODS as unknown as IdentityVerification[])
  identityVerification?: IdentityVerification;
}

export class MarkDto {
  @ApiProperty({ example: 'essay' })
  @RequiredText()
  componentId!: string;

  @ApiProperty({ example: 64, minimum: MIN_MARK, maximum: MAX_MARK })
  @MarkField()
  mark!: number;
}

export class LearnerNoteDto {
  @ApiProperty({ example: 'Finished the reading list; the essay plan is next.', description: "the learner's own note" })
  @BoundedText('note')
  note!: string;
}

export class FeedbackDto {
  @ApiProperty({ example: 'essay' })
  @RequiredText()
  componentId!: string;

  @ApiProperty({ example: 'A clear argument; cite more primary sources.', description: "the tutor's feedback" })
  @BoundedText('feedback')
  feedback!: string;
}

/** A reasonable adjustment; whoever records it (the registry) is recorded as approving it. */
export class AdjustmentDto {
  @ApiProperty({ enum: ADJUSTMENT_TYPES, example: 'extra-time' })
  @IsIn(ADJUSTMENT_TYPES as unknown as AdjustmentType[], { message: `type ${ADJUSTMENT_TYPE_RULE}` })
  type!: AdjustmentType;

  @ApiPropertyOptional({
    example: 14,
    minimum: 0,
    maximum: MAX_EXTENSION_DAYS,
    default: 0,
    description: 'days added to the submission deadline',
  })
  @IsOptional()
  @Max(MAX_EXTENSION_DAYS, { message: `extensionDays ${ADJUSTMENT_DAYS_RULE}` })
  @Min(0, { message: `extensionDays ${ADJUSTMENT_DAYS_RULE}` })
  @IsInt({ message: `extensionDays ${ADJUSTMENT_DAYS_RULE}` })
  extensionDays?: number;

  @ApiPropertyOptional({
    example: '25% extra time in timed assessments',
    description: 'what the adjustment is, for markers and the board (not a diagnosis)',
  })
  @IsOptional()
  @BoundedText('note')
  note?: string;
}

export class AdjustmentWithdrawalDto {
  @ApiProperty({ example: 'The assessment no longer has a time limit' })
  @BoundedText('reason')
  reason!: string;
}
