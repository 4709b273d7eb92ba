import { Controller, ForbiddenException, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { CredentialIssuer, type SignedCredential } from './credential-issuer.service.js';
import { UuidParam } from '../../http/params.js';
import { Caller } from '../../http/request-context.js';

/** The learner's Comprehensive Learner Record (1EdTech CLR 2.0), signed like the credentials in it. */
@ApiTags('credentials')
@ApiBearerAuth()
@Controller('v1/learners')
export class LearnerClrController {
  constructor(private readonly issuer: CredentialIssuer) {}

  @Get(':id/clr')
  @Roles('registry', 'learner')
  clr(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<SignedCredential> {
    if (caller.role === 'learner' && caller.actor !== id)
      throw new ForbiddenException('learners may read only their own record');
    return this.issuer.clr(id);
  }
}
