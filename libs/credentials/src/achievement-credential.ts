import type { IssuedAward } from '#domain';
import { OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, OB_V3_CONTEXT, VC_V2_CONTEXT } from './contexts.js';
import {
  dateTimeOf,
  EQF,
  eqfLevelOf,
  formatCredits,
  frameworkOf,
  levelLabel,
  notionalHoursOf,
  SCHEMES,
} from './frameworks.js';
import type { IdentityObject } from './identity.js';
import { microCredentialContextUrl, microCredentialSchemaUrl } from './micro-credential-extension.js';
import type { IssuerProfile, VerifiableCredential } from './model.js';
import { statusEntryOf } from './status-list-credential.js';

export interface AchievementCredentialOptions {
  /** Stable public base URL of this deployment, e.g. https://records.example.ac.uk (no trailing slash). */
  baseUrl: string;
  /** The learner as IdentityObjects (salted hashes of their id and, while known, email; see identity.ts). */
  identifiers: IdentityObject[];
  /** The credential subject's pseudonymous id (the JWT `sub`). */
  subjectId: string;
  /** The award's entry in the revocation status list. */
  status: { statusListCredential: string; statusListIndex: number };
  /** Optional end of validity (micro-credentials normally do not expire). */
  validUntil?: string;
}

/**
 * An Open Badges 3.0 AchievementCredential (W3C VC 2.0) for an issued award. Mapping of the QAA
 * section 6 information set and the EU mandatory elements:
 * - learner -> credentialSubject.identifier (salted hashes of the learner id and email; no name in a
 *   public document) and a pseudonymous credentialSubject.id
 * - title, aims, learning outcomes -> achievement.name, .description, .criteria.narrative
 * - awarding body, issuer country -> issuer.name, issuer.address.addressCountryCode
 * - date of issue -> validFrom and awardedDate; the learner's dates -> activityStartDate/EndDate
 * - credits -> creditsEarned / achievement.creditsAvailable (UK CATS); ECTS as a Result
 * - level -> Alignments to the qualifications framework (targetFramework FHEQ|SCQF|CQFW, targetCode n)
 *   and to the EQF level it is referenced to
 * - CAH and HECoS -> achievement.fieldOfStudy and Alignments (+ otherIdentifier entries)
 * - mark and grade -> Results described by the achievement's resultDescription (grade scale, percent)
 * - ECTS, notional hours, EQF level, mode of learning, form of participation, assessment type,
 *   quality assurance, PSRB recognition -> achievement.microCredential, whose terms the
 *   deployment's micro-credential context defines and its JSON Schema checks
 *   (micro-credential-extension.ts); for search, also achievement.tag.
 */
export const buildAchievementCredential = (
  award: IssuedAward,
  issuer: IssuerProfile,
  options: AchievementCredentialOptions,
): VerifiableCredential => {
  const achievementId = `${options.baseUrl}/v1/courses/${award.courseId}/achievement`;
  const framework = frameworkOf(award.level);
  const eqfLevel = eqfLevelOf(award.level);
  const status = statusEntryOf(options.status.statusListCredential, options.status.statusListIndex);
  const alignment = [
    {
      type: ['Alignment'],
      targetName: levelLabel(award.level),
      targetDescription: `Level ${award.level.level} of the ${framework.name}`,
      targetFramework: award.level.framework,
      targetCode: String(award.level.level),
      targetType: 'ext:QualificationsFrameworkLevel',
      targetUrl: framework.url,
    },
    ...(eqfLevel === undefined
      ? []
      : [
          {
            type: ['Alignment'],
            targetName: `EQF level ${eqfLevel}`,
            targetDescription: `${levelLabel(award.level)} is referenced to level ${eqfLevel} of the ${EQF.name}`,
            targetFramework: EQF.name,
            targetCode: String(eqfLevel),
            targetType: 'ext:QualificationsFrameworkLevel',
            targetUrl: EQF.url,
          },
        ]),
    {
      type: ['Alignment'],
      targetName: `CAH ${award.cahCode}`,
      targetFramework: SCHEMES.CAH.name,
      targetCode: award.cahCode,
      targetType: 'ext:CAH',
      targetUrl: SCHEMES.CAH.url,
    },
    ...award.hecosCodes.map((code) => ({
      type: ['Alignment'],
      targetName: `HECoS ${code}`,
      targetFramework: SCHEMES.HECoS.name,
      targetCode: code,
      targetType: 'ext:HECoS',
      targetUrl: SCHEMES.HECoS.url,
    })),
  ];
  const resultDescription = [
    {
      id: `${achievementId}#grade`,
      type: ['ResultDescription'],
      name: 'Grade',
      resultType: 'LetterGrade',
      allowedValue: ['Pass', 'Merit', 'Distinction'],
      requiredValue: 'Pass',
    },
    {
      id: `${achievementId}#mark`,
      type: ['ResultDescription'],
      name: 'Weighted mark (%)',
      resultType: 'Percent',
      valueMin: '0',
      valueMax: '100',
    },
    { id: `${achievementId}#ects`, type: ['ResultDescription'], name: 'ECTS credits', resultType: 'ext:ECTSCredits' },
  ];
  const achievement = {
    id: achievementId,
    type: ['Achievement'],
    achievementType: 'MicroCredential',
    name: award.title,
    description: award.aims,
    humanCode: award.courseCode,
    criteria: {
      narrative: [
        'On successful completion the learner is able to:',
        ...award.learningOutcomes.map((o) => `- ${o}`),
      ].join('\n'),
    },
    creditsAvailable: award.credits.cats,
    fieldOfStudy: award.cahCode,
    inLanguage: 'en-GB',
    alignment,
    resultDescription,
    otherIdentifier: [
      { type: 'IdentifierEntry', identifier: award.courseCode, identifierType: 'ext:CourseCode' },
      { type: 'IdentifierEntry', identifier: award.cahCode, identifierType: 'ext:CAH' },
      ...award.hecosCodes.map((code) => ({ type: 'IdentifierEntry', identifier: code, identifierType: 'ext:HECoS' })),
    ],
    tag: ['micro-credential', levelLabel(award.level), award.modeOfLearning, award.formOfParticipation],
    creator: issuer,
    microCredential: {
      type: ['MicroCredentialElements'],
      ectsCredits: award.credits.ects,
      notionalLearningHours: notionalHoursOf(award.credits.cats),
      ...(eqfLevel === undefined ? {} : { eqfLevel }),
      modeOfLearning: award.modeOfLearning,
      formOfParticipation: award.formOfParticipation,
      assessmentType: award.assessmentType,
      qualityAssurance: award.qualityAssurance,
      ...(award.psrb
        ? { psrbRecognition: { type: ['PsrbRecognition'], body: award.psrb.body, recognition: award.psrb.recognition } }
        : {}),
    },
  };
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, microCredentialContextUrl(options.baseUrl)],
    id: `urn:uuid:${award.awardId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: award.title,
    description: `${award.title}: a ${formatCredits(award.credits.cats)}-credit micro-credential awarded by ${award.awardingBody}.`,
    issuer,
    validFrom: dateTimeOf(award.issuedOn),
    ...(options.validUntil ? { validUntil: options.validUntil } : {}),
    awardedDate: dateTimeOf(award.issuedOn),
    credentialSubject: {
      id: options.subjectId,
      type: ['AchievementSubject'],
      identifier: options.identifiers,
      activityStartDate: dateTimeOf(award.startDate),
      activityEndDate: dateTimeOf(award.completedOn),
      creditsEarned: award.credits.cats,
      result: [
        { type: ['Result'], resultDescription: `${achievementId}#grade`, value: award.result.grade },
        { type: ['Result'], resultDescription: `${achievementId}#mark`, value: String(award.result.weightedMark) },
        { type: ['Result'], resultDescription: `${achievementId}#ects`, value: formatCredits(award.credits.ects) },
      ],
      achievement,
    },
    credentialStatus: status,
    credentialSchema: [
      { id: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' },
      { id: microCredentialSchemaUrl(options.baseUrl), type: '1EdTechJsonSchemaValidator2019' },
    ],
  };
};
