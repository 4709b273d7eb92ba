import { Controller, ForbiddenException, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator.js';
import type { CommandContext } from '../../commands/command-context.js';
import { CredentialIssuer } from '../../credentials/credential-issuer.service.js';
import type { SecuredCredential } from '../../features/credentials/credential-signer.js';
import { UuidParam } from '../params.js';
import { Caller } from '../request-context.js';

/** The learner's Comprehensive Learner Record (1EdTech CLR 2.0), signed like the credentials in it. */
@ApiTags('credentials')
@ApiBearerAuth()
@Controller('v1/learners')
export class LearnerClrController {
  constructor(private readonly issuer: CredentialIssuer) {}

  @Get(':id/clr')
  @Roles('registry', 'learner')
  clr(@UuidParam() id: string, @Caller() caller: CommandContext): Promise<SecuredCredential> {
    if (caller.role === 'learner' && caller.actor !== id)
      throw new ForbiddenException('learners may read only their own record');
    return this.issuer.clr(id);
  }
}
