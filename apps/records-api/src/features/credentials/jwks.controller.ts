import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../auth/roles.decorator.js';
import { CredentialSigner } from './credential-signer.js';
import { IssuerRegistry } from './issuer-registry.js';
import { jsonAs } from './media-types.js';

/** Every issuer's keys not retired, as one JWK Set, for JOSE tooling. */
@ApiTags('credentials')
@Controller('.well-known')
export class JwksController {
  constructor(
    private readonly issuers: IssuerRegistry,
    private readonly signer: CredentialSigner,
  ) {}

  @Get('jwks.json')
  @Public()
  jwks(@Res({ passthrough: true }) reply: FastifyReply) {
    return jsonAs(reply, 'application/jwk-set+json', {
      keys: this.issuers.all().flatMap((issuer) => this.signer.jwks(issuer)),
    });
  }
}
