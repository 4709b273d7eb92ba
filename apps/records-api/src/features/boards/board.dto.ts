import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BOARD_COURSES_RULE,
  BOARD_MEMBERS_RULE,
  MAX_BOARD_COURSES,
  MAX_BOARD_MEMBERS,
  MAX_MARK,
  MIN_MARK,
  CASE_STATUSES,
  type BoardRole,
  type CaseDecision,
  type CaseStatus,
} from '#domain';
import { RequiredText } from '../../http/dto-fields.js';

const ROLES: BoardRole[] = ['chair', 'internal', 'external'];
const DECISIONS: CaseDecision[] = ['confirm', 'amend', 'defer'];

export class BoardMemberDto {
  @ApiProperty({ example: 'prof-ahmed', description: "the member's token subject" })
  @RequiredText()
  memberId!: string;

  @ApiProperty({ example: 'Prof. Samira Ahmed' })
  @RequiredText()
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: BoardRole;
}

export class ConstituteBoardDto {
  @ApiProperty({ example: 'Digital Skills Micro-board' })
  @RequiredText()
  name!: string;

  @ApiProperty({ type: [String], format: 'uuid', maxItems: MAX_BOARD_COURSES })
  // class-validator runs these bottom-up and reports the first broken rule: the size before the entries.
  @IsUUID('all', { each: true, message: 'courseIds must contain course UUIDs' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BOARD_COURSES, { message: `courseIds ${BOARD_COURSES_RULE}` })
  @IsArray()
  courseIds!: string[];

  @ApiProperty({ type: [BoardMemberDto], maxItems: MAX_BOARD_MEMBERS })
  @ValidateNested({ each: true })
  @ArrayMaxSize(MAX_BOARD_MEMBERS, { message: `members ${BOARD_MEMBERS_RULE}` })
  @IsArray()
  @Type(() => BoardMemberDto)
  members!: BoardMemberDto[];

  @ApiPropertyOptional({ default: true, description: 'confirm clean cases automatically' })
  @IsOptional()
  @IsBoolean()
  delegatedAuthority?: boolean;

  @ApiPropertyOptional({ default: 3, description: 'marks from a boundary that make a case not clean' })
  @IsOptional()
  @IsInt()
  boundaryMargin?: number;
}

export class CaseDecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision!: CaseDecision;

  @ApiProperty({ example: 'Mitigation accepted; mark stands.' })
  @RequiredText()
  rationale!: string;

  @ApiPropertyOptional({ description: 'the amended weighted mark, for decision amend' })
  @IsOptional()
  @IsInt()
  @Min(MIN_MARK)
  @Max(MAX_MARK)
  mark?: number;
}

export class CaseQueryDto {
  @ApiPropertyOptional({ enum: CASE_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ format: 'uuid', description: "only this board's cases" })
  @IsOptional()
  @IsUUID('all', { message: 'boardId must be a UUID' })
  boardId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "only this course's cases" })
  @IsOptional()
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId?: string;
}
