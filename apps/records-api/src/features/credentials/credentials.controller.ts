import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { VerificationResult } from '#credentials';
import { Public } from '../../auth/roles.decorator.js';
import { CredentialIssuer } from './credential-issuer.service.js';
import { VerifyCredentialDto } from './verify-credential.dto.js';

/** A verifier for this deployment's credentials, in either securing mechanism. */
@ApiTags('credentials')
@Controller('v1/credentials')
export class CredentialsController {
  constructor(private readonly issuer: CredentialIssuer) {}

  @Post('verify')
  @Public()
  @HttpCode(200)
  async verify(
    @Body() body: VerifyCredentialDto,
  ): Promise<Omit<VerificationResult, 'credential'> & { credential?: unknown }> {
    return this.issuer.verify(body.credential);
  }
}
