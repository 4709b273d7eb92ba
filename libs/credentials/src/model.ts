/**
 * The small slice of the W3C VC 2.0 / Open Badges 3.0 / CLR 2.0 data models this library writes.
 * Credentials are plain JSON objects: the JWT payload is the credential itself (VC-JOSE-COSE).
 */
export interface IssuerProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url?: string;
  description?: string;
  address?: { type: ['Address']; addressCountry?: string; addressCountryCode?: string };
}

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  /** A string holding a base-10 integer, as the Bitstring Status List spec requires. */
  statusListIndex: string;
  statusListCredential: string;
}

export interface VerifiableCredential {
  '@context': string[];
  id?: string;
  type: string[];
  issuer: IssuerProfile | string;
  validFrom?: string;
  validUntil?: string;
  name?: string;
  credentialSubject: Record<string, unknown>;
  credentialStatus?: BitstringStatusListEntry | BitstringStatusListEntry[];
  [claim: string]: unknown;
}

export const issuerIdOf = (credential: Pick<VerifiableCredential, 'issuer'>): string | undefined =>
  typeof credential.issuer === 'string' ? credential.issuer : credential.issuer?.id;
