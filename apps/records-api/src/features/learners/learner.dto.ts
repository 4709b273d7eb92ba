import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';

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
