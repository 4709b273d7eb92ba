import type { CredentialSettings } from './credential-settings.js';

/** The public addresses every credential refers to, all under CREDENTIAL_BASE_URL. */
export const ISSUERS_PATH = '/v1/credentials/issuers';

/** The issuer's Profile (and controller document of its verification methods). */
export const issuerUrl = ({ baseUrl }: Pick<CredentialSettings, 'baseUrl'>, slug: string): string =>
  `${baseUrl}${ISSUERS_PATH}/${slug}`;
/** A VC-JWT `kid`: dereferences to the public JWK (OB 3.0 §8.2.4.1). */
export const jwkUrl = (issuerId: string, thumbprint: string): string => `${issuerId}/keys/${thumbprint}`;
/** A Data Integrity verification method: a Multikey inside the issuer's Profile. */
export const verificationMethodId = (issuerId: string, thumbprint: string): string => `${issuerId}#${thumbprint}`;
export const jwksUrl = (issuerId: string): string => `${issuerId}/jwks.json`;
export const statusListUrl = (issuerId: string): string => `${issuerId}/status/revocation`;
export const credentialUrl = ({ baseUrl }: Pick<CredentialSettings, 'baseUrl'>, awardId: string): string =>
  `${baseUrl}/v1/awards/${awardId}/credential`;
export const clrUrl = ({ baseUrl }: CredentialSettings, learnerId: string): string =>
  `${baseUrl}/v1/learners/${learnerId}/clr`;
