import { Bitstring, MIN_STATUS_LIST_BITS } from './bitstring.js';
import { VC_V2_CONTEXT } from './contexts.js';
import type { BitstringStatusListEntry, VerifiableCredential } from './model.js';

export interface StatusListOptions {
  /** The URL the list is published at: also the credential's id. */
  url: string;
  /** The issuer's id: the list names only VC 2.0 terms (an OB Profile would need the OB context). */
  issuer: string;
  /** Indexes whose bit is set (revoked credentials). */
  setIndexes: Iterable<number>;
  validFrom: string;
  /** Suggested cache lifetime for verifiers, in milliseconds. */
  ttl?: number;
  length?: number;
}

/** A credential's entry in a revocation list. */
export const statusEntryOf = (statusListCredential: string, statusListIndex: number): BitstringStatusListEntry => ({
  id: `${statusListCredential}#${statusListIndex}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: 'revocation',
  statusListIndex: String(statusListIndex),
  statusListCredential,
});

/** A BitstringStatusListCredential (statusPurpose revocation) with the given bits set. */
export const buildStatusListCredential = (options: StatusListOptions): VerifiableCredential => {
  const list = Bitstring.ofLength(options.length ?? MIN_STATUS_LIST_BITS);
  for (const index of options.setIndexes) list.set(index);
  return {
    '@context': [VC_V2_CONTEXT],
    id: options.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuer,
    validFrom: options.validFrom,
    credentialSubject: {
      id: `${options.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: list.encode(),
      ...(options.ttl ? { ttl: options.ttl } : {}),
    },
  };
};

/** The list's bitstring, or undefined when the document is not a BitstringStatusListCredential. */
export const statusListOf = (credential: Record<string, unknown>): { purpose: string; list: Bitstring } | undefined => {
  const type = credential.type;
  const subject = credential.credentialSubject as Record<string, unknown> | undefined;
  if (!Array.isArray(type) || !type.includes('BitstringStatusListCredential') || !subject) return undefined;
  if (
    subject.type !== 'BitstringStatusList' ||
    typeof subject.encodedList !== 'string' ||
    typeof subject.statusPurpose !== 'string'
  )
    return undefined;
  try {
    return { purpose: subject.statusPurpose, list: Bitstring.decode(subject.encodedList) };
  } catch {
    return undefined;
  }
};
