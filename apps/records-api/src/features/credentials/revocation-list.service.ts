import { Inject, Injectable } from '@nestjs/common';
import type { Clock, IssuedAward } from '#domain';
import { COLLECTIONS, type ReadModelStore } from '#projections';
import { buildStatusListCredential, keyIdFor, signCredential, type VerifiableCredential } from '#credentials';
import { CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { CREDENTIAL_SETTINGS, type CredentialSettings } from './credential-settings.js';
import { deploymentIssuer, statusListUrl } from './urls.js';
import { StatusIndexAllocator } from './status-index-allocator.js';

const LOAD_CHUNK = 500;
/** Verifiers may cache the list this long (milliseconds). */
export const STATUS_LIST_TTL_MS = 300_000;

/** The signed BitstringStatusListCredential: a set bit for every revoked award that has an index. */
@Injectable()
export class RevocationListService {
  constructor(
    @Inject(CREDENTIAL_SETTINGS) private readonly settings: CredentialSettings,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly allocator: StatusIndexAllocator,
  ) {}

  async current(): Promise<{ jwt: string; credential: VerifiableCredential }> {
    const allocations = await this.allocator.allocations();
    const ids = [...allocations.keys()];
    const revoked: number[] = [];
    for (let i = 0; i < ids.length; i += LOAD_CHUNK) {
      const awards = await this.readModels.load(COLLECTIONS.awards, ids.slice(i, i + LOAD_CHUNK));
      for (const [id, award] of awards) if ((award as IssuedAward).revoked) revoked.push(allocations.get(id)!);
    }
    const issuer = deploymentIssuer(this.settings);
    const credential = buildStatusListCredential({
      url: statusListUrl(this.settings),
      issuer,
      setIndexes: revoked,
      validFrom: this.clock.now().toISOString(),
      ttl: STATUS_LIST_TTL_MS,
    });
    return { jwt: signCredential(credential, this.settings.key, keyIdFor(issuer.id, this.settings.key)), credential };
  }
}
