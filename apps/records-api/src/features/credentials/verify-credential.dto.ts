import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class VerifyCredentialDto {
  @ApiProperty({ description: 'a VC-JWT (compact JWS, typ vc+jwt) as issued by GET /v1/awards/:id/credential' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200_000)
  credential!: string;
}
