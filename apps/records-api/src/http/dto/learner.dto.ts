import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class RegisterLearnerDto {
  @ApiProperty({ example: 'Amira' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  givenName!: string;

  @ApiProperty({ example: 'Okafor' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
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
    description:
      'Why the personal data is erased (kept on the record: write no personal data here). 1-1000 characters.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}
