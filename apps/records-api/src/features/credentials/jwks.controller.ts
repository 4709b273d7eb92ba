import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/roles.decorator.js';
import { CredentialIssuer } from './credential-issuer.service.js';
import { CREDENTIAL_SETTINGS, type CredentialSettings } from './credential-settings.js';

/** The credential signing key as a JWK Set, for JOSE tooling. */
@ApiTags('credentials')
@Controller('.well-known')
export class JwksController {
  constructor(
    @Inject(CREDENTIAL_SETTINGS) private readonly settings: CredentialSettings,
    private readonly issuer: CredentialIssuer,
  ) {}

  @Get('jwks.json')
  @Public()
  jwks() {
    return { keys: [{ ...this.settings.key.publicJwk, kid: this.issuer.kid, alg: 'EdDSA', use: 'sig' }] };
  }
}
