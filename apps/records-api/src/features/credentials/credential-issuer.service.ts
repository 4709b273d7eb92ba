import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { KeyObject } from 'node:crypto';
import type { Clock, ErasedLearner, IssuedAward, RegisteredLearner } from '#domain';
import { COLLECTIONS, type ReadModelStore } from '#projections';
import {
  buildAchievementCredential,
  buildClrCredential,
  buildCourseRecordCredential,
  deriveSalt,
  identityObject,
  microCredentialContextUrl,
  pseudonymousSubjectId,
  renderCertificatePdf,
  renderTranscriptPdf,
  statusEntryOf,
  verifyCredential,
  type IdentityObject,
  type Transcript,
  type VerificationResult,
} from '#credentials';
import { CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens.js';
import { PersonalDataReader } from '../../personal-data/personal-data-reader.js';
import { CredentialSigner, type SecuredCredential } from './credential-signer.js';
import { identityMatches, verdictOf, type VerificationPage } from './verification-page.js';
import { IssuerRegistry } from './issuer-registry.js';
import { baseUrlsOf, CREDENTIAL_SETTINGS, type CredentialSettings } from './credential-settings.js';
import { RevocationListService } from './revocation-list.service.js';
import { StatusIndexAllocator } from './status-index-allocator.js';
import { clrUrl, credentialUrl, ISSUERS_PATH, statusListUrl } from './urls.js';
import { latestOf, transcriptOf } from './transcript.js';
import { GetLearnerRecordQuery } from '../learners/record.queries.js';

/** Issues, signs and verifies the credentials of awards and learners. */
@Injectable()
export class CredentialIssuer {
  constructor(
    @Inject(CREDENTIAL_SETTINGS) private readonly settings: CredentialSettings,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly allocator: StatusIndexAllocator,
    private readonly revocations: RevocationListService,
    private readonly personalData: PersonalDataReader,
    private readonly issuers: IssuerRegistry,
    private readonly signer: CredentialSigner,
    private readonly queries: QueryBus,
  ) {}

  async award(awardId: string): Promise<IssuedAward> {
    const award = await this.readModels.get<IssuedAward>(COLLECTIONS.awards, awardId);
    if (!award) throw new NotFoundException(`award ${awardId} not found`);
    return award;
  }

  /**
   * The award's Open Badges 3.0 credential, issued by its awarding body; a revoked award keeps its
   * credential, whose status bit is set. Salts and the subject id are keyed by the issuer's first
   * key, so they are stable yet unpredictable. Under a former base URL it is the credential as
   * issued there (its URLs in that base's terms).
   */
  async achievementCredential(award: IssuedAward, baseUrl = this.settings.baseUrl): Promise<SecuredCredential> {
    const issuer = this.issuers.at(this.issuers.named(award.awardingBody), baseUrl);
    const secret = this.saltSecret(issuer.ring.keys[0]!.ed25519.privateKey);
    const credentialId = `urn:uuid:${award.awardId}`;
    const credential = buildAchievementCredential(award, this.signer.profile(issuer, award.issuerCountry), {
      baseUrl,
      subjectId: pseudonymousSubjectId(secret, credentialId),
      identifiers: await this.identifiers(award.learnerId, deriveSalt(secret, award.awardId)),
      status: {
        statusListCredential: statusListUrl(issuer.id),
        statusListIndex: await this.allocator.indexOf(issuer.slug, credentialId, [award.awardId]),
      },
    });
    return this.signer.secure(credential, issuer);
  }

  /**
   * A CLR 2.0 of the learner's transcript, issued by the deployment: every award's credential
   * (a revoked one shows revoked by its own status) and a course record per enrolment with each
   * attempt's mark. Its id names the awards standing, whose revocation sets its status bit; it is
   * valid from the record's last change.
   */
  async clr(learnerId: string): Promise<SecuredCredential> {
    const transcript = await this.transcript(learnerId);
    if (transcript.courses.length === 0) throw new NotFoundException(`learner ${learnerId} has no courses for a CLR`);
    const awards = (await this.readModels.findByRef<IssuedAward>(COLLECTIONS.awards, learnerId))
      .filter((award) => award.status === 'issued')
      .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.awardId.localeCompare(b.awardId));
    const awardCredentials = [];
    for (const award of awards) awardCredentials.push((await this.achievementCredential(award)).credential);
    const issuer = this.issuers.deployment();
    const secret = this.saltSecret(issuer.ring.keys[0]!.ed25519.privateKey);
    const standing = awards.filter((award) => !award.revoked).map((award) => award.awardId);
    const id = `${clrUrl(this.settings, learnerId)}/${deriveSalt(secret, standing.join(' '))}`;
    const subject = {
      subjectId: pseudonymousSubjectId(secret, id),
      identifiers: await this.identifiers(learnerId, deriveSalt(secret, `clr:${learnerId}`)),
    };
    const profile = this.signer.profile(issuer);
    const courseRecords = [];
    for (const course of transcript.courses) {
      const record = buildCourseRecordCredential(course, {
        clrId: id,
        baseUrl: this.settings.baseUrl,
        issuer: profile,
        ...subject,
      });
      courseRecords.push(await this.signer.prove(record, issuer));
    }
    const credential = buildClrCredential({
      id,
      extensionContext: microCredentialContextUrl(this.settings.baseUrl),
      name: 'Comprehensive Learner Record',
      description: `Transcript of ${transcript.courses.length} course${transcript.courses.length === 1 ? '' : 's'} and ${awards.length} award${awards.length === 1 ? '' : 's'}, kept by ${issuer.name}.`,
      issuer: profile,
      ...subject,
      validFrom: latestOf(transcript.courses.map((course) => course.changedAt)),
      credentials: [...awardCredentials, ...courseRecords],
      ...(standing.length > 0
        ? { status: statusEntryOf(statusListUrl(issuer.id), await this.allocator.indexOf(issuer.slug, id, standing)) }
        : {}),
    });
    return this.signer.secure(credential, issuer);
  }

  /** The learner's transcript as the registry's record shows it now. */
  async transcript(learnerId: string): Promise<Transcript> {
    const record = await this.queries.execute(new GetLearnerRecordQuery(learnerId));
    return transcriptOf(record, this.settings.issuerName, this.clock.now());
  }

  /** The transcript as a PDF: the same content as the CLR, with the learner's name. */
  async transcriptPdf(learnerId: string): Promise<Buffer> {
    return renderTranscriptPdf(await this.transcript(learnerId));
  }

  /** The learner's id and, while it is known, email, each as a salted IdentityObject. */
  private async identifiers(learnerId: string, salt: string): Promise<IdentityObject[]> {
    const learner = await this.readModels.get<RegisteredLearner | ErasedLearner>(COLLECTIONS.learners, learnerId);
    const email = learner ? (await this.personalData.learner(learner)).email : null;
    return [
      identityObject(learnerId, salt),
      ...(email ? [identityObject(email.trim().toLowerCase(), salt, 'emailAddress')] : []),
    ];
  }

  private saltSecret(key: KeyObject): Buffer {
    return key.export({ format: 'der', type: 'pkcs8' });
  }

  /** What the public verification page shows: the verdict, and the name only through a live share link. */
  async verificationPage(
    award: IssuedAward,
    signed: SecuredCredential,
    query: { share?: string; check?: string },
    baseUrl = this.settings.baseUrl,
  ): Promise<VerificationPage> {
    const verdict = verdictOf(await this.verify(signed.jwt), award);
    const sharing = query.share !== undefined && award.shareLink?.token === query.share;
    const opened = sharing ? await this.personalData.award(award) : undefined;
    const typed = query.check?.trim();
    return {
      award,
      credential: signed.credential,
      verdict,
      credentialUrl: credentialUrl({ baseUrl }, award.awardId),
      ...(opened && !opened.learnerErased ? { earnerName: opened.learnerName, shareToken: query.share } : {}),
      ...(typed ? { check: { typed, matches: identityMatches(signed.credential, typed) } } : {}),
    };
  }

  /** The PDF names the learner as the record does now: "[erased]" once they are erased. */
  async certificate(award: IssuedAward): Promise<Buffer> {
    const opened = await this.personalData.award(award);
    return renderCertificatePdf({ award: opened, verificationUrl: credentialUrl(this.settings, award.awardId) });
  }

  /**
   * Verifies a credential of this deployment's issuers, in either form. Only their own keys,
   * Profiles and status lists are resolved: the public endpoint never fetches arbitrary URLs (no
   * SSRF), so other issuers' credentials come back 'unknown key'.
   */
  async verify(input: string | object): Promise<VerificationResult> {
    return verifyCredential(input, {
      resolveKey: (kid) => this.signer.resolveKey(kid),
      loader: await this.signer.loader(),
      fetchStatusList: async (url) => {
        const issuer = this.issuerOfStatusList(url);
        return issuer ? (await this.revocations.current(issuer)).jwt : undefined;
      },
      now: this.clock.now(),
    });
  }

  /** The issuer whose status list is at `url`, under the current base URL or a former one. */
  private issuerOfStatusList(url: string) {
    for (const base of baseUrlsOf(this.settings)) {
      const prefix = `${base}${ISSUERS_PATH}/`;
      if (!url.startsWith(prefix)) continue;
      const issuer = this.issuers.bySlug(url.slice(prefix.length).split('/')[0]!, base);
      if (issuer && statusListUrl(issuer.id) === url) return issuer;
    }
    return undefined;
  }
}
