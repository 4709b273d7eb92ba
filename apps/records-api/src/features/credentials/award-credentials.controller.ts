import { Controller, ForbiddenException, Get, Header, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { VC_JWT_MEDIA_TYPE } from '#credentials';
import { Public, Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { CredentialIssuer, type SignedCredential } from './credential-issuer.service.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';

/**
 * An award's credential and certificate. The credential is public (its holder shares the link);
 * it is JSON {jwt, credential} by default, or the bare VC-JWT for `Accept: application/vc+jwt`.
 */
@ApiTags('credentials')
@Controller('v1/awards')
export class AwardCredentialsController {
  constructor(private readonly issuer: CredentialIssuer) {}

  @Get(':id/credential')
  @Public()
  @ApiProduces('application/json', VC_JWT_MEDIA_TYPE)
  async credential(
    @UuidParam() id: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignedCredential | string> {
    const signed = await this.issuer.achievementCredential(await this.issuer.award(id));
    reply.header('cache-control', 'no-store');
    if (accept?.includes(VC_JWT_MEDIA_TYPE)) {
      reply.type(VC_JWT_MEDIA_TYPE);
      return signed.jwt;
    }
    return signed;
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
