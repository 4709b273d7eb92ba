import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import {
  APPEAL_GROUNDS,
  APPEAL_REMEDIES,
  APPEAL_STATUSES,
  type AppealGround,
  type AppealRemedy,
  type AppealStatus,
} from '#domain';
import { RequiredText } from '../../http/dto-fields.js';

/** Shapes only: the appeal decider checks the grounds, the statement's length and the remedy's rules. */
export class LodgeAppealDto {
  @ApiProperty({ enum: APPEAL_GROUNDS, isArray: true, example: ['procedural-irregularity'] })
  @IsArray()
  @IsString({ each: true })
  grounds!: AppealGround[];

  @ApiProperty({ example: 'My exam was marked against the previous year’s rubric.' })
  @RequiredText()
  statement!: string;
}

export class AppealOutcomeDto {
  @ApiProperty()
  @IsBoolean()
  upheld!: boolean;

  @ApiPropertyOptional({ enum: APPEAL_REMEDIES, description: 'required to uphold' })
  @IsOptional()
  @IsIn(APPEAL_REMEDIES)
  remedy?: AppealRemedy;

  @ApiPropertyOptional({ example: 'exam', description: 'the component to re-moderate' })
  @IsOptional()
  @IsString()
  componentId?: string;

  @ApiProperty({ example: 'The wrong rubric was applied.' })
  @RequiredText()
  rationale!: string;
}

export class AppealQueryDto {
  @ApiPropertyOptional({
    enum: APPEAL_STATUSES,
    description: 'left out: every open appeal (lodged, acknowledged, under review)',
  })
  @IsOptional()
  @IsIn(APPEAL_STATUSES)
  status?: AppealStatus;
}
