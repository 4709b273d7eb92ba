import { Inject, Injectable } from '@nestjs/common';
import type { IssuedAward } from '#domain';
import { COLLECTIONS, type ReadModelStore } from '#projections';
import { buildStatusListCredential } from '#credentials';
import { READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { CredentialSigner, type SecuredCredential } from './credential-signer.js';
import type { Issuer } from './issuer-registry.js';
import { statusListUrl } from './urls.js';
import { StatusIndexAllocator } from './status-index-allocator.js';

const LOAD_CHUNK = 500;
/** Verifiers may cache the list this long (milliseconds). */
export const STATUS_LIST_TTL_MS = 300_000;

/**
 * An issuer's BitstringStatusListCredential: a set bit for every credential that covers a revoked
 * award. It is valid from when its content last changed (the latest such revocation, else its first
 * entry), not from the request, so a verifier whose clock is a little behind still accepts it, and
 * the same content always gives the same document.
 */
@Injectable()
export class RevocationListService {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    private readonly allocator: StatusIndexAllocator,
    private readonly signer: CredentialSigner,
  ) {}

  async current(issuer: Issuer): Promise<SecuredCredential> {
    const { allocations, since } = await this.allocator.allocations(issuer.slug);
    const revokedAt = await this.revocations([...new Set(allocations.flatMap((a) => a.covers))]);
    const set: number[] = [];
    let changedAt = since ?? issuer.ring.keys[0]!.created;
    for (const allocation of allocations) {
      const times = allocation.covers.flatMap((awardId) => revokedAt.get(awardId) ?? []);
      if (times.length === 0) continue;
      set.push(allocation.statusListIndex);
      for (const time of times) if (time > changedAt) changedAt = time;
    }
    const credential = buildStatusListCredential({
      url: statusListUrl(issuer.id),
      issuer: issuer.id,
      setIndexes: set,
      validFrom: changedAt,
      ttl: STATUS_LIST_TTL_MS,
    });
    return this.signer.secure(credential, issuer);
  }

  /** When each revoked award among these was revoked. */
  private async revocations(awardIds: readonly string[]): Promise<Map<string, string>> {
    const revokedAt = new Map<string, string>();
    for (let i = 0; i < awardIds.length; i += LOAD_CHUNK) {
      const awards = await this.readModels.load(COLLECTIONS.awards, awardIds.slice(i, i + LOAD_CHUNK));
      for (const [id, award] of awards) {
        const { revoked } = award as IssuedAward;
        if (revoked) revokedAt.set(id, revoked.revokedAt);
      }
    }
    return revokedAt;
  }
}
