import type { Provider } from '@nestjs/common';
import type { AppConfig } from '#runtime';
import { APP_CONFIG } from '../../infrastructure/tokens.js';
import { CREDENTIAL_SETTINGS, loadCredentialSettings } from './credential-settings.js';
import { CredentialIssuer } from './credential-issuer.service.js';
import { RevocationListService } from './revocation-list.service.js';
import { STATUS_INDEX_RANDOM, StatusIndexAllocator, statusIndexRandom } from './status-index-allocator.js';
import { CredentialSigner } from './credential-signer.js';
import { IssuerRegistry } from './issuer-registry.js';

/** Verifiable credentials: signing key and URLs, status index allocation, the revocation list, the issuer. */
export const credentialProviders: Provider[] = [
  {
    provide: CREDENTIAL_SETTINGS,
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => loadCredentialSettings(config),
  },
  IssuerRegistry,
  CredentialSigner,
  { provide: STATUS_INDEX_RANDOM, useValue: statusIndexRandom },
  StatusIndexAllocator,
  RevocationListService,
  CredentialIssuer,
];
