import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MarkField, RequiredText } from '../../http/dto-fields.js';

export class ModerationDto {
  @ApiProperty({ example: 'essay' })
  @RequiredText()
  componentId!: string;

  @ApiProperty({ enum: ['agreed', 'adjusted'] })
  @IsIn(['agreed', 'adjusted'])
  decision!: 'agreed' | 'adjusted';

  @ApiPropertyOptional({ description: 'the moderated mark, for decision adjusted' })
  @IsOptional()
  @MarkField()
  mark?: number;

  @ApiProperty({ example: 'Second marking agrees with the first marker' })
  @RequiredText()
  reason!: string;
}

export class MarkAmendmentDto {
  @ApiProperty({ example: 'essay' })
  @RequiredText()
  componentId!: string;

  @ApiProperty({ example: 66 })
  @MarkField()
  mark!: number;

  @ApiProperty({ example: 'Arithmetic error in the marking grid' })
  @RequiredText()
  reason!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Hospitalised during the assessment period' })
  @RequiredText()
  reason!: string;
}
