import type { DomainEvent } from '../shared/decider.js';

/** A credential's place in its issuer's revocation list; its bit is set once any award it `covers` is revoked. */
export interface StatusAllocation {
  credentialId: string;
  /** The awards the credential stands for: one for an award's credential, several for a CLR. */
  covers: string[];
  statusListIndex: number;
}

/** The index is recorded, not derived: a rebuild from the log gives every credential the same one. */
export type StatusIndexAllocated = DomainEvent<
  'CredentialStatusIndexAllocated',
  StatusAllocation & { statusPurpose: 'revocation'; allocatedAt: string }
>;

export type StatusListEvent = StatusIndexAllocated;

/** Give the credential an index in the list, unless it has one. */
export type AllocateStatusIndex = {
  type: 'AllocateStatusIndex';
  data: { credentialId: string; covers: string[] };
};

export type StatusListCommand = AllocateStatusIndex;
