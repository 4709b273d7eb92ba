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
  description: string;
  issuer: IssuerProfile;
  subjectId: string;
  identifiers: IdentityObject[];
  /** When the record's content last changed: the latest of the credentials' validFrom dates and revocations. */
  validFrom: string;
  /** The learner's achievement credentials, each with its own embedded proof, so each verifies alone. */
  credentials: readonly VerifiableCredential[];
  /** Set when an award it shows as standing is revoked; none when it shows no standing award. */
  status?: BitstringStatusListEntry;
  associations?: readonly Association[];
}

const achievementOf = (credential: VerifiableCredential) =>
  (credential.credentialSubject as { achievement?: { id: string } }).achievement;

/**
 * A 1EdTech CLR 2.0 ClrCredential: the learner's achievement credentials, each kept verifiable on
 * its own (embedded, with their Data Integrity proofs), plus their achievements (each once) for
 * display and associations.
 */
export const buildClrCredential = (options: ClrOptions): VerifiableCredential => ({
  '@context': [VC_V2_CONTEXT, CLR_V2_CONTEXT, OB_V3_CONTEXT, options.extensionContext],
  id: options.id,
  type: ['VerifiableCredential', 'ClrCredential'],
  name: options.name,
  description: options.description,
  issuer: options.issuer,
  validFrom: options.validFrom,
  credentialSubject: {
    id: options.subjectId,
    type: ['ClrSubject'],
    identifier: options.identifiers,
    achievement: [
      ...new Map(
        options.credentials
          .map(achievementOf)
          .flatMap((achievement) => (achievement ? [[achievement.id, achievement]] : [])),
      ).values(),
    ],
    verifiableCredential: [...options.credentials],
    ...(options.associations?.length ? { association: [...options.associations] } : {}),
  },
  ...(options.status ? { credentialStatus: options.status } : {}),
  credentialSchema: [{ id: CLR_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
});
