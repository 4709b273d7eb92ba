import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Clock, IssuedAward } from '#domain';
import { COLLECTIONS, type ReadModelStore } from '#projections';
import {
  buildAchievementCredential,
  buildClrCredential,
  deriveSalt,
  keyIdFor,
  renderCertificatePdf,
  signCredential,
  verifyCredential,
  type VerificationResult,
  type VerifiableCredential,
} from '#credentials';
import { CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { PersonalDataReader } from '../../personal-data/personal-data-reader.js';
import { CREDENTIAL_SETTINGS, type CredentialSettings } from './credential-settings.js';
import { RevocationListService } from './revocation-list.service.js';
import { StatusIndexAllocator } from './status-index-allocator.js';
import { awardIssuer, clrUrl, credentialUrl, deploymentIssuer, issuerId, statusListUrl } from './urls.js';

export interface SignedCredential {
  jwt: string;
  credential: VerifiableCredential;
}

/** Issues, signs and verifies the credentials of awards and learners. */
@Injectable()
export class CredentialIssuer {
  private readonly saltSecret: Buffer;

  constructor(
    @Inject(CREDENTIAL_SETTINGS) private readonly settings: CredentialSettings,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly allocator: StatusIndexAllocator,
    private readonly revocations: RevocationListService,
    private readonly personalData: PersonalDataReader,
  ) {
    // Identity salts are keyed by the signing key, so they are stable yet unpredictable.
    this.saltSecret = settings.key.privateKey.export({ format: 'der', type: 'pkcs8' });
  }

  get kid(): string {
    return keyIdFor(issuerId(this.settings), this.settings.key);
  }

  async award(awardId: string): Promise<IssuedAward> {
    const award = await this.readModels.get<IssuedAward>(COLLECTIONS.awards, awardId);
    if (!award) throw new NotFoundException(`award ${awardId} not found`);
    return award;
  }

  /** The award's Open Badges 3.0 credential; a revoked award keeps its credential, whose status bit is set. */
  async achievementCredential(award: IssuedAward): Promise<SignedCredential> {
    const credential = buildAchievementCredential(
      award,
      awardIssuer(this.settings, award.awardingBody, award.issuerCountry),
      {
        baseUrl: this.settings.baseUrl,
        identitySalt: deriveSalt(this.saltSecret, award.awardId),
        status: {
          statusListCredential: statusListUrl(this.settings),
          statusListIndex: await this.allocator.indexOf(award.awardId),
        },
      },
    );
    return { jwt: signCredential(credential, this.settings.key, this.kid), credential };
  }

  /** A CLR 2.0 of the learner's current (not revoked) awards, oldest first. */
  async clr(learnerId: string): Promise<SignedCredential> {
    const learner = await this.readModels.get<{ status: string }>(COLLECTIONS.learners, learnerId);
    if (!learner || learner.status === 'none') throw new NotFoundException(`learner ${learnerId} not found`);
    const awards = (await this.readModels.findByRef<IssuedAward>(COLLECTIONS.awards, learnerId))
      .filter((award) => award.status === 'issued' && !award.revoked)
      .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.awardId.localeCompare(b.awardId));
    const credentials = [];
    for (const award of awards) credentials.push(await this.achievementCredential(award));
    const credential = buildClrCredential({
      id: clrUrl(this.settings, learnerId),
      issuer: deploymentIssuer(this.settings),
      learnerId,
      identitySalt: deriveSalt(this.saltSecret, `clr:${learnerId}`),
      validFrom: this.clock.now().toISOString(),
      credentials,
    });
    return { jwt: signCredential(credential, this.settings.key, this.kid), credential };
  }

  /** The PDF names the learner as the record does now: "[erased]" once they are erased. */
  async certificate(award: IssuedAward): Promise<Buffer> {
    const opened = await this.personalData.award(award);
    return renderCertificatePdf({ award: opened, verificationUrl: credentialUrl(this.settings, award.awardId) });
  }

  /**
   * Verifies a credential of this issuer. Only this deployment's key and status list are
   * resolved: the public endpoint never fetches arbitrary URLs (no SSRF), so other issuers'
   * credentials come back 'unknown key'.
   */
  verify(jwt: string): Promise<VerificationResult> {
    return verifyCredential(jwt, {
      resolveKey: (kid) => (kid === this.kid ? this.settings.key.publicKey : undefined),
      fetchStatusList: async (url) =>
        url === statusListUrl(this.settings) ? (await this.revocations.current()).jwt : undefined,
      now: this.clock.now(),
    });
  }
}
