import { Module } from '@nestjs/common';
import { AwardCredentialsController } from './award-credentials.controller.js';
import { CredentialIssuer } from './credential-issuer.service.js';
import { credentialProviders } from './credentials.providers.js';
import { CredentialsController } from './credentials.controller.js';
import { IssuerDocumentsController } from './issuer-documents.controller.js';
import { IssuerKeysController } from './issuer-keys.controller.js';
import { JwksController } from './jwks.controller.js';
import { LearnerClrController } from './learner-clr.controller.js';
import { ShareLinkController } from './share-link.controller.js';
import { ShareLinkHandler } from './share-link.handlers.js';

/** Verifiable credentials of awards and learner records, the issuer's keys and the revocation list. */
@Module({
  controllers: [
    AwardCredentialsController,
    CredentialsController,
    IssuerDocumentsController,
    IssuerKeysController,
    JwksController,
    LearnerClrController,
    ShareLinkController,
  ],
  providers: [...credentialProviders, ShareLinkHandler],
  exports: [CredentialIssuer],
})
export class CredentialsModule {}
