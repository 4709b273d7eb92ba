import { Module } from '@nestjs/common';
import { AwardCredentialsController } from './award-credentials.controller.js';
import { CredentialIssuer } from './credential-issuer.service.js';
import { credentialProviders } from './credentials.providers.js';
import { CredentialsController } from './credentials.controller.js';
import { JwksController } from './jwks.controller.js';
import { LearnerClrController } from './learner-clr.controller.js';

/** Verifiable credentials of awards and learner records, the issuer's keys and the revocation list. */
@Module({
  controllers: [AwardCredentialsController, CredentialsController, JwksController, LearnerClrController],
  providers: credentialProviders,
  exports: [CredentialIssuer],
})
export class CredentialsModule {}
