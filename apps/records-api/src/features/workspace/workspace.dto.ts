import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class MarkingQueueQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'only this course' })
  @IsOptional()
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId?: string;
}

export class LearnerSearchDto {
  @ApiPropertyOptional({ example: 'okafor', description: 'words to find in the name, email or id' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
