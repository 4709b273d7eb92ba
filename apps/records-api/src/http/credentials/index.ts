import { AwardCredentialsController } from './award-credentials.controller.js';
import { CredentialsController } from './credentials.controller.js';
import { JwksController } from './jwks.controller.js';
import { LearnerClrController } from './learner-clr.controller.js';
import { IssuerDocumentsController } from '../../features/credentials/issuer-documents.controller.js';

export const credentialControllers = [
  AwardCredentialsController,
  CredentialsController,
  JwksController,
  IssuerDocumentsController,
  LearnerClrController,
];
