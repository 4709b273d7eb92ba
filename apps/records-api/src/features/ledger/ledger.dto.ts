import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { ACCESS_DECISIONS, PRIOR_LEARNING_KINDS, type AccessDecision, type PriorLearningKind } from '#domain';
import { LevelDto } from '../courses/course.dto.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Shapes and types only: the pathway decider checks the rules and names the field. */
export class CreatePathwayDto {
  @ApiProperty({ example: 'PgCert Data Science', description: 'the macro-credential the pathway leads to' })
  @IsString()
  @IsNotEmpty()
  title!: string;

  @ApiProperty({ example: 'University of Northshire' })
  @IsString()
  @IsNotEmpty()
  awardingBody!: string;

  @ApiProperty({ type: LevelDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LevelDto)
  level!: LevelDto;

  @ApiProperty({ example: 60, description: 'UK CATS credits' })
  @IsInt()
  totalCredits!: number;

  @ApiProperty({ example: 40, description: 'credits needed at (or above) the target level' })
  @IsInt()
  minCreditsAtLevel!: number;

  @ApiPropertyOptional({ description: 'a course whose award must be among the credits' })
  @IsOptional()
  @IsUUID()
  capstoneCourseId?: string;

  @ApiProperty({ type: [String], description: 'courses whose awards count' })
  @IsArray()
  @IsUUID(undefined, { each: true })
  allowedCourseIds!: string[];

  @ApiPropertyOptional({ type: [String], description: 'providers whose transfer credit is accepted' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  consortiumPartners?: string[];

  @ApiPropertyOptional({ example: 0.5, description: 'largest share from RPL/transfer; default 2/3' })
  @IsOptional()
  @IsNumber()
  maxRplProportion?: number;

  @ApiPropertyOptional({ example: 5, description: 'credit shelf-life in years; default 5' })
  @IsOptional()
  @IsInt()
  creditAgeLimitYears?: number;

  @ApiPropertyOptional({ description: 'true to set the credit age limit aside' })
  @IsOptional()
  @IsBoolean()
  setAside?: boolean;
}

export class CreditDecisionDto {
  @ApiProperty({ enum: ['recognised', 'declined'] })
  @IsIn(['recognised', 'declined'])
  decision!: 'recognised' | 'declined';

  @ApiProperty({ enum: PRIOR_LEARNING_KINDS })
  @IsIn(PRIOR_LEARNING_KINDS as PriorLearningKind[])
  kind!: PriorLearningKind;

  @ApiProperty({ example: 'Northern Consortium University' })
  @IsString()
  @IsNotEmpty()
  provider!: string;

  @ApiProperty({ example: 'Statistics for Data Science' })
  @IsString()
  @IsNotEmpty()
  title!: string;

  @ApiProperty({ example: 15, description: 'UK CATS credits' })
  @IsInt()
  credits!: number;

  @ApiProperty({ type: LevelDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LevelDto)
  level!: LevelDto;

  @ApiProperty({ example: '2024-06-30', description: 'when the learner achieved it; credit age counts from here' })
  @Matches(ISO_DATE, { message: 'awardedOn must be a date as YYYY-MM-DD' })
  awardedOn!: string;

  @ApiProperty({ example: 'rpl/2026/0042' })
  @IsString()
  @IsNotEmpty()
  evidenceRef!: string;

  @ApiPropertyOptional({ description: 'required when declined' })
  @IsOptional()
  @IsString()
  reason?: string;
}

export class AccessRplDto {
  @ApiProperty()
  @IsUUID()
  courseId!: string;

  @ApiProperty({ enum: ACCESS_DECISIONS })
  @IsIn(ACCESS_DECISIONS as AccessDecision[])
  decision!: AccessDecision;

  @ApiProperty({ example: 'Six years as a data analyst; statement reviewed by the course lead' })
  @IsString()
  @IsNotEmpty()
  basis!: string;

  @ApiProperty({ example: 'applications/2026/0042' })
  @IsString()
  @IsNotEmpty()
  evidenceRef!: string;
}
