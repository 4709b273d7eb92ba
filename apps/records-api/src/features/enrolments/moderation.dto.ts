import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

export class ModerationDto {
  @ApiProperty({ example: 'essay' })
  @IsString()
  @IsNotEmpty()
  componentId!: string;

  @ApiProperty({ enum: ['agreed', 'adjusted'] })
  @IsIn(['agreed', 'adjusted'])
  decision!: 'agreed' | 'adjusted';

  @ApiPropertyOptional({ description: 'the moderated mark, for decision adjusted' })
  @IsOptional()
  @IsInt({ message: 'mark must be a whole number' })
  @Min(0)
  @Max(100)
  mark?: number;

  @ApiProperty({ example: 'Second marking agrees with the first marker' })
  @IsString()
  @IsNotEmpty()
  reason!: string;
}

export class MarkAmendmentDto {
  @ApiProperty({ example: 'essay' })
  @IsString()
  @IsNotEmpty()
  componentId!: string;

  @ApiProperty({ example: 66 })
  @IsInt({ message: 'mark must be a whole number' })
  @Min(0)
  @Max(100)
  mark!: number;

  @ApiProperty({ example: 'Arithmetic error in the marking grid' })
  @IsString()
  @IsNotEmpty()
  reason!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Hospitalised during the assessment period' })
  @IsString()
  @IsNotEmpty()
  reason!: string;
}
