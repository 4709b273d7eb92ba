import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The verification page's own inputs: a share token from the learner's link, and an identity to check. */
export class VerificationPageQuery {
  @ApiPropertyOptional({ description: 'the share token of a link the learner turned on: shows their name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  share?: string;

  @ApiPropertyOptional({
    description: 'an email address or learner id to check against the credential\u2019s identity hashes',
  })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  check?: string;
}
