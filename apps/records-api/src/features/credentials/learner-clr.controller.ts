import { Controller, ForbiddenException, Get, Header, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { CredentialIssuer } from './credential-issuer.service.js';
import type { SecuredCredential } from './credential-signer.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';

const onlyOwn = (caller: CommandContext, learnerId: string): void => {
  if (caller.role === 'learner' && caller.actor !== learnerId)
    throw new ForbiddenException('learners may read only their own record');
};

/**
 * The learner's transcript: as a Comprehensive Learner Record (1EdTech CLR 2.0), signed like the
 * credentials in it, and as a PDF with the same content.
 */
@ApiTags('credentials')
@ApiBearerAuth()
@Controller('v1/learners')
export class LearnerClrController {
  constructor(private readonly issuer: CredentialIssuer) {}

  @Get(':id/clr')
  @Roles('registry', 'learner')
  clr(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<SecuredCredential> {
    onlyOwn(caller, id);
    return this.issuer.clr(id);
  }

  @Get(':id/transcript.pdf')
  @Roles('registry', 'learner')
  @ApiProduces('application/pdf')
  @Header('cache-control', 'private, no-store')
  async transcript(
    @UuidParam() id: string,
    @Caller() caller: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    onlyOwn(caller, id);
    const pdf = await this.issuer.transcriptPdf(id);
    reply.type('application/pdf');
    reply.header('content-disposition', 'inline; filename="transcript.pdf"');
    return pdf;
  }
}
