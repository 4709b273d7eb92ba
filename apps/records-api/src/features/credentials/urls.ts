import type { IssuerProfile } from '#credentials';
import type { CredentialSettings } from './credential-settings.js';

/** The public addresses every credential refers to, all under CREDENTIAL_BASE_URL. */
export const issuerId = ({ baseUrl }: CredentialSettings): string => `${baseUrl}/v1/credentials/issuer`;
export const statusListUrl = ({ baseUrl }: CredentialSettings): string => `${baseUrl}/v1/credentials/status/revocation`;
export const credentialUrl = ({ baseUrl }: CredentialSettings, awardId: string): string =>
  `${baseUrl}/v1/awards/${awardId}/credential`;
export const clrUrl = ({ baseUrl }: CredentialSettings, learnerId: string): string =>
  `${baseUrl}/v1/learners/${learnerId}/clr`;

/** The deployment as issuer (status lists, CLRs). */
export const deploymentIssuer = (settings: CredentialSettings): IssuerProfile => ({
  id: issuerId(settings),
  type: ['Profile'],
  name: settings.issuerName,
  url: settings.baseUrl,
});

/**
 * One award's issuer: the same id (and so the same key) named as the awarding body, in its
 * country. Credence signs on the awarding body's behalf with the deployment's key.
 */
export const awardIssuer = (
  settings: CredentialSettings,
  awardingBody: string,
  countryCode: string,
): IssuerProfile => ({
  ...deploymentIssuer(settings),
  name: awardingBody,
  address: { type: ['Address'], addressCountryCode: countryCode },
});
