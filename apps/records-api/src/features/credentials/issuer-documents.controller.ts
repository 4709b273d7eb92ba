import { Controller, Get, Header, Headers, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  microCredentialContext,
  microCredentialSchema,
  MICRO_CREDENTIAL_CONTEXT_PATH,
  MICRO_CREDENTIAL_SCHEMA_PATH,
  VC_JWT_MEDIA_TYPE,
  VC_MEDIA_TYPE,
} from '#credentials';
import { Public } from '../../auth/roles.decorator.js';
import { baseUrlFor, CREDENTIAL_SETTINGS, type CredentialSettings } from './credential-settings.js';
import { RevocationListService } from './revocation-list.service.js';
import { jwkUrl } from './urls.js';
import { CredentialSigner } from './credential-signer.js';
import { IssuerRegistry, type Issuer } from './issuer-registry.js';
import { jsonAs, representationFor } from './media-types.js';

/**
 * What a verifier dereferences, all public: each issuer's Profile (the controller document of its
 * Multikeys), its JWKS and each key as a JWK (the VC-JWT `kid`), its revocation list, and the
 * micro-credential extension's context and schema. Each in the terms of the base URL the request
 * was addressed to (a former one keeps answering for the credentials issued under it).
 */
@ApiTags('credentials')
@Controller()
export class IssuerDocumentsController {
  constructor(
    @Inject(CREDENTIAL_SETTINGS) private readonly settings: CredentialSettings,
    private readonly issuers: IssuerRegistry,
    private readonly signer: CredentialSigner,
    private readonly revocations: RevocationListService,
  ) {}

  @Get('v1/credentials/issuers/:slug')
  @Public()
  @ApiProduces('application/ld+json')
  async profile(
    @Param('slug') slug: string,
    @Headers('host') host: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return jsonAs(reply, 'application/ld+json', await this.signer.profileDocument(this.issuer(slug, host)));
  }

  @Get('v1/credentials/issuers/:slug/jwks.json')
  @Public()
  @ApiProduces('application/jwk-set+json')
  jwks(
    @Param('slug') slug: string,
    @Headers('host') host: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return jsonAs(reply, 'application/jwk-set+json', { keys: this.signer.jwks(this.issuer(slug, host)) });
  }

  @Get('v1/credentials/issuers/:slug/keys/:thumbprint')
  @Public()
  @ApiProduces('application/jwk+json')
  key(
    @Param('slug') slug: string,
    @Param('thumbprint') thumbprint: string,
    @Headers('host') host: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const issuer = this.issuer(slug, host);
    const jwk = this.signer.jwks(issuer).find((key) => key.kid === jwkUrl(issuer.id, thumbprint));
    if (!jwk) throw new NotFoundException(`issuer ${slug} has no key ${thumbprint} (or it was retired)`);
    return jsonAs(reply, 'application/jwk+json', jwk);
  }

  /** The BitstringStatusListCredential itself: JSON-LD with its proof, or `Accept: application/vc+jwt`. */
  @Get('v1/credentials/issuers/:slug/status/revocation')
  @Public()
  @ApiProduces(VC_MEDIA_TYPE, VC_JWT_MEDIA_TYPE)
  @Header('cache-control', 'public, max-age=300')
  async statusList(
    @Param('slug') slug: string,
    @Headers('accept') accept: string | undefined,
    @Headers('host') host: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const secured = await this.revocations.current(this.issuer(slug, host));
    if (representationFor(accept, 'vc') === 'vc+jwt') {
      reply.type(VC_JWT_MEDIA_TYPE);
      return secured.jwt;
    }
    return jsonAs(reply, VC_MEDIA_TYPE, secured.credential);
  }

  @Get(MICRO_CREDENTIAL_CONTEXT_PATH.slice(1))
  @Public()
  @ApiProduces('application/ld+json')
  @Header('cache-control', 'public, max-age=86400')
  context(@Headers('host') host: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return jsonAs(reply, 'application/ld+json', microCredentialContext(baseUrlFor(this.settings, host)));
  }

  @Get(MICRO_CREDENTIAL_SCHEMA_PATH.slice(1))
  @Public()
  @ApiProduces('application/schema+json')
  @Header('cache-control', 'public, max-age=86400')
  schema(@Headers('host') host: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return jsonAs(reply, 'application/schema+json', microCredentialSchema(baseUrlFor(this.settings, host)));
  }

  private issuer(slug: string, host: string | undefined): Issuer {
    const issuer = this.issuers.bySlug(slug, baseUrlFor(this.settings, host));
    if (!issuer) throw new NotFoundException(`issuer ${slug} not found`);
    return issuer;
  }
}
