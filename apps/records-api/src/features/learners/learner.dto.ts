import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, MaxLength } from 'class-validator';
import { MAX_NAME_LENGTH, MAX_TEXT_LENGTH } from '#domain';
import { RequiredText } from '../../http/dto-fields.js';

export class RegisterLearnerDto {
  @ApiProperty({ example: 'Amira' })
  @RequiredText()
  @MaxLength(MAX_NAME_LENGTH)
  givenName!: string;

  @ApiProperty({ example: 'Okafor' })
  @RequiredText()
  @MaxLength(MAX_NAME_LENGTH)
  familyName!: string;

  @ApiProperty({ example: 'amira.okafor@example.org' })
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiPropertyOptional({
    example: false,
    description:
      'When another learner already has this email the registration is refused (409, with existingLearnerId); true registers this as a different person who shares it',
  })
  @IsOptional()
  @IsBoolean()
  confirmedNewPerson?: boolean;
}

export class EraseLearnerDto {
  @ApiProperty({
    example: 'Erasure request under UK GDPR Article 17, ref DP-2026-0142',
    description: `Why the personal data is erased (kept on the record: write no personal data here). 1-${MAX_TEXT_LENGTH} characters.`,
  })
  @RequiredText()
  @MaxLength(MAX_TEXT_LENGTH)
  reason!: string;
}
