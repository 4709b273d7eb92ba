import { CLR_CREDENTIAL_SCHEMA, CLR_V2_CONTEXT, OB_V3_CONTEXT, VC_V2_CONTEXT } from './contexts.js';
import type { IdentityObject } from './identity.js';
import type { BitstringStatusListEntry, IssuerProfile, VerifiableCredential } from './model.js';

/** CLR 2.0 Association between two achievements (e.g. one is part of a pathway's other). */
export interface Association {
  type: 'Association';
  associationType:
    'exactMatchOf' | 'isChildOf' | 'isParentOf' | 'isPartOf' | 'isPeerOf' | 'isRelatedTo' | 'precedes' | 'replacedBy';
  sourceId: string;
  targetId: string;
}

export interface ClrOptions {
  id: string;
  /** The deployment's extension context (it defines the credentialSchema type). */
  extensionContext: string;
  name: string;
  issuer: IssuerProfile;
  subjectId: string;
  identifiers: IdentityObject[];
  /** When the record's content last changed: the latest issue date of the credentials in it. */
  validFrom: string;
  /** The learner's achievement credentials, each with its own embedded proof, so each verifies alone. */
  credentials: readonly VerifiableCredential[];
  status: BitstringStatusListEntry;
  associations?: readonly Association[];
}

/**
 * A 1EdTech CLR 2.0 ClrCredential: the learner's achievement credentials, each kept verifiable on
 * its own (embedded, with their Data Integrity proofs), plus their achievements for display and
 * associations. Its status bit is set when any credential in it is revoked.
 */
export const buildClrCredential = (options: ClrOptions): VerifiableCredential => ({
  '@context': [VC_V2_CONTEXT, CLR_V2_CONTEXT, OB_V3_CONTEXT, options.extensionContext],
  id: options.id,
  type: ['VerifiableCredential', 'ClrCredential'],
  name: options.name,
  description: `${options.credentials.length} micro-credential${options.credentials.length === 1 ? '' : 's'} issued through ${options.issuer.name}.`,
  issuer: options.issuer,
  validFrom: options.validFrom,
  credentialSubject: {
    id: options.subjectId,
    type: ['ClrSubject'],
    identifier: options.identifiers,
    achievement: options.credentials.map(
      (credential) => (credential.credentialSubject as { achievement?: unknown }).achievement,
    ),
    verifiableCredential: [...options.credentials],
    ...(options.associations?.length ? { association: [...options.associations] } : {}),
  },
  credentialStatus: options.status,
  credentialSchema: [{ id: CLR_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
});
