import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID } from 'class-validator';
import { ACCESS_DECISIONS, PRIOR_LEARNING_KINDS, type AccessDecision, type PriorLearningKind } from '#domain';
import { CreateCourseDto } from '../courses/course.dto.js';
import { IsoDateField, RequiredText } from '../../http/dto-fields.js';

/** Shapes and types only: the pathway decider checks the rules and names the field. Title, body and level as a course's. */
export class CreatePathwayDto extends PickType(CreateCourseDto, ['title', 'awardingBody', 'level'] as const) {
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

export class CreditDecisionDto extends PickType(CreateCourseDto, ['title', 'credits', 'level'] as const) {
  @ApiProperty({ enum: ['recognised', 'declined'] })
  @IsIn(['recognised', 'declined'])
  decision!: 'recognised' | 'declined';

  @ApiProperty({ enum: PRIOR_LEARNING_KINDS })
  @IsIn(PRIOR_LEARNING_KINDS as PriorLearningKind[])
  kind!: PriorLearningKind;

  @ApiProperty({ example: 'Northern Consortium University' })
  @RequiredText()
  provider!: string;

  @ApiProperty({ example: '2024-06-30', description: 'when the learner achieved it; credit age counts from here' })
  @IsoDateField('awardedOn')
  awardedOn!: string;

  @ApiProperty({ example: 'rpl/2026/0042' })
  @RequiredText()
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
  @RequiredText()
  basis!: string;

  @ApiProperty({ example: 'applications/2026/0042' })
  @RequiredText()
  evidenceRef!: string;
}
