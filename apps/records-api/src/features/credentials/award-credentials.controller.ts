import { Controller, ForbiddenException, Get, Header, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { VC_JWT_MEDIA_TYPE, VC_MEDIA_TYPE } from '#credentials';
import { Public, Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { CredentialIssuer } from './credential-issuer.service.js';
import { baseUrlFor, CREDENTIAL_SETTINGS, type CredentialSettings } from './credential-settings.js';
import type { SecuredCredential } from './credential-signer.js';
import { jsonAs, representationFor } from './media-types.js';
import { renderVerificationPage } from './verification-page.js';
import { VerificationPageQuery } from './verification-page.query.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';

/**
 * An award's credential and certificate. The credential is public (its holder shares the link) and
 * negotiated: `application/vc+jwt` the VC-JWT, `application/vc` the credential with its embedded
 * proof, `text/html` the verification page, and JSON `{jwt, credential}` otherwise.
 */
@ApiTags('credentials')
@Controller('v1/awards')
export class AwardCredentialsController {
  constructor(
    private readonly issuer: CredentialIssuer,
    @Inject(CREDENTIAL_SETTINGS) private readonly settings: CredentialSettings,
  ) {}

  @Get(':id/credential')
  @Public()
  @ApiProduces('application/json', VC_MEDIA_TYPE, VC_JWT_MEDIA_TYPE, 'text/html')
  async credential(
    @UuidParam() id: string,
    @Query() query: VerificationPageQuery,
    @Headers('accept') accept: string | undefined,
    @Headers('host') host: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SecuredCredential | string> {
    const award = await this.issuer.award(id);
    const baseUrl = baseUrlFor(this.settings, host);
    const signed = await this.issuer.achievementCredential(award, baseUrl);
    reply.header('cache-control', 'no-store');
    reply.header('vary', 'accept');
    switch (representationFor(accept, 'json')) {
      case 'html':
        reply.type('text/html; charset=utf-8');
        reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        return renderVerificationPage(await this.issuer.verificationPage(award, signed, query, baseUrl));
      case 'vc+jwt':
        reply.type(VC_JWT_MEDIA_TYPE);
        return signed.jwt;
      case 'vc':
        return jsonAs(reply, VC_MEDIA_TYPE, signed.credential);
      default:
        return signed;
    }
  }

  @Get(':id/certificate.pdf')
  @ApiBearerAuth()
  @Roles('registry', 'board', 'learner')
  @ApiProduces('application/pdf')
  @Header('cache-control', 'private, no-store')
  async certificate(
    @UuidParam() id: string,
    @Caller() caller: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const award = await this.issuer.award(id);
    if (caller.role === 'learner' && award.learnerId !== caller.actor)
      throw new ForbiddenException('learners may read only their own certificates');
    reply.type('application/pdf');
    reply.header(
      'content-disposition',
      `inline; filename="certificate-${award.courseCode.replace(/[^\w-]/g, '')}.pdf"`,
    );
    return this.issuer.certificate(award);
  }
}
