import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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
import { MAX_MARK, MIN_MARK, type BoardRole, type CaseDecision } from '#domain';
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

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @IsUUID('all', { each: true, message: 'courseIds must contain course UUIDs' })
  courseIds!: string[];

  @ApiProperty({ type: [BoardMemberDto] })
  @IsArray()
  @ValidateNested({ each: true })
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
  @ApiPropertyOptional({ enum: ['pending', 'deferred', 'decided'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'deferred', 'decided'])
  status?: 'pending' | 'deferred' | 'decided';
}
