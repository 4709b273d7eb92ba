import { CLR_CREDENTIAL_SCHEMA, CLR_V2_CONTEXT, OB_V3_CONTEXT, VC_JWT_MEDIA_TYPE, VC_V2_CONTEXT } from './contexts.js';
import { identityObject } from './identity.js';
import type { IssuerProfile, VerifiableCredential } from './model.js';

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
  issuer: IssuerProfile;
  learnerId: string;
  identitySalt: string;
  validFrom: string;
  /** The learner's signed achievement credentials, each a VC-JWT. */
  credentials: readonly { jwt: string; credential: VerifiableCredential }[];
  associations?: readonly Association[];
}

/** VC 2.0's way to embed a credential secured by an enveloping proof (here a VC-JWT) in another. */
export const envelope = (jwt: string) => ({
  '@context': VC_V2_CONTEXT,
  id: `data:${VC_JWT_MEDIA_TYPE},${jwt}`,
  type: 'EnvelopedVerifiableCredential',
});

/** The VC-JWT inside an EnvelopedVerifiableCredential, or undefined. */
export const unenvelope = (enveloped: unknown): string | undefined => {
  const id = (enveloped as { id?: unknown } | null)?.id;
  const prefix = `data:${VC_JWT_MEDIA_TYPE},`;
  return typeof id === 'string' && id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
};

/**
 * A 1EdTech CLR 2.0 ClrCredential: the learner's achievement credentials, each kept verifiable
 * on its own (enveloped VC-JWTs), plus their achievements in clear for display and associations.
 */
export const buildClrCredential = (options: ClrOptions): VerifiableCredential => ({
  '@context': [VC_V2_CONTEXT, CLR_V2_CONTEXT, OB_V3_CONTEXT],
  id: options.id,
  type: ['VerifiableCredential', 'ClrCredential'],
  name: 'Comprehensive Learner Record',
  description: `${options.credentials.length} micro-credential${options.credentials.length === 1 ? '' : 's'} issued by ${options.issuer.name}.`,
  issuer: options.issuer,
  validFrom: options.validFrom,
  credentialSubject: {
    type: ['ClrSubject'],
    identifier: [identityObject(options.learnerId, options.identitySalt)],
    achievement: options.credentials.map(
      ({ credential }) => (credential.credentialSubject as { achievement?: unknown }).achievement,
    ),
    verifiableCredential: options.credentials.map(({ jwt }) => envelope(jwt)),
    association: [...(options.associations ?? [])],
  },
  credentialSchema: [{ id: CLR_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
});
