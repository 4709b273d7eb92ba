import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { BoardRole, CaseDecision } from '#domain';

const ROLES: BoardRole[] = ['chair', 'internal', 'external'];
const DECISIONS: CaseDecision[] = ['confirm', 'amend', 'defer'];

export class BoardMemberDto {
  @ApiProperty({ example: 'prof-ahmed', description: "the member's token subject" })
  @IsString()
  @IsNotEmpty()
  memberId!: string;

  @ApiProperty({ example: 'Prof. Samira Ahmed' })
  @IsString()
  @IsNotEmpty()
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: BoardRole;
}

export class ConstituteBoardDto {
  @ApiProperty({ example: 'Digital Skills Micro-board' })
  @IsString()
  @IsNotEmpty()
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
  @IsString()
  @IsNotEmpty()
  rationale!: string;

  @ApiPropertyOptional({ description: 'the amended weighted mark, for decision amend' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  mark?: number;
}

export class CaseQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'deferred', 'decided'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'deferred', 'decided'])
  status?: 'pending' | 'deferred' | 'decided';
}
