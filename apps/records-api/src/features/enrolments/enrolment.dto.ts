import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { IDENTITY_VERIFICATION_METHODS, type IdentityVerification } from '#domain';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (field: string) => ({ message: `${field} must be a date as YYYY-MM-DD` });

export class StartEnrolmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId!: string;

  @ApiProperty({ example: '2026-11-23', description: "the learner's own start date" })
  @Matches(ISO_DATE, dateMessage('startDate'))
  startDate!: string;
}

export class SuspensionDto {
  @ApiProperty({ example: '2026-12-01' })
  @Matches(ISO_DATE, dateMessage('from'))
  from!: string;

  @ApiProperty({ example: 'Caring responsibilities' })
  @IsString()
  @IsNotEmpty()
  reason!: string;
}

export class ResumptionDto {
  @ApiProperty({ example: '2027-01-10' })
  @Matches(ISO_DATE, dateMessage('on'))
  on!: string;
}

export class ExtensionDto {
  @ApiProperty({ example: 14 })
  @IsInt()
  @Min(1)
  @Max(365)
  days!: number;

  @ApiProperty({ example: 'Mitigating circumstances accepted' })
  @IsString()
  @IsNotEmpty()
  reason!: string;
}

export class SubmissionDto {
  @ApiProperty({ example: 'essay' })
  @IsString()
  @IsNotEmpty()
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
  @IsString()
  @IsNotEmpty()
  componentId!: string;

  @ApiProperty({ example: 64, minimum: 0, maximum: 100 })
  @IsInt({ message: 'mark must be a whole number' })
  @Min(0)
  @Max(100)
  mark!: number;
}
