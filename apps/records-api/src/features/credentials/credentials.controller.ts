import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { VerificationResult } from '#credentials';
import { Public } from '../../auth/roles.decorator.js';
import { CredentialIssuer, type SignedCredential } from './credential-issuer.service.js';
import { CREDENTIAL_SETTINGS, type CredentialSettings } from './credential-settings.js';
import { RevocationListService } from './revocation-list.service.js';
import { deploymentIssuer } from './urls.js';
import { VerifyCredentialDto } from './verify-credential.dto.js';

/** The issuer's public key, its revocation list, and a verifier for its credentials. */
@ApiTags('credentials')
@Controller('v1/credentials')
export class CredentialsController {
  constructor(
    @Inject(CREDENTIAL_SETTINGS) private readonly settings: CredentialSettings,
    private readonly issuer: CredentialIssuer,
    private readonly revocations: RevocationListService,
  ) {}

  /** The issuer profile with its key as a DID-document-like verification method. */
  @Get('issuer')
  @Public()
  profile() {
    const profile = deploymentIssuer(this.settings);
    const method = {
      id: this.issuer.kid,
      type: 'JsonWebKey',
      controller: profile.id,
      publicKeyJwk: this.settings.key.publicJwk,
    };
    return {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/cid/v1'],
      ...profile,
      verificationMethod: [method],
      assertionMethod: [method.id],
    };
  }

  @Get('status/revocation')
  @Public()
  statusList(): Promise<SignedCredential> {
    return this.revocations.current();
  }

  @Post('verify')
  @Public()
  @HttpCode(200)
  async verify(
    @Body() body: VerifyCredentialDto,
  ): Promise<Omit<VerificationResult, 'credential'> & { credential?: unknown }> {
    return this.issuer.verify(body.credential);
  }
}
