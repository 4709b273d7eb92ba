import type { Level } from '#domain';
import { OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, OB_V3_CONTEXT, VC_V2_CONTEXT } from './contexts.js';
import { dateTimeOf, formatCredits, levelLabel } from './frameworks.js';
import type { IdentityObject } from './identity.js';
import { microCredentialContextUrl } from './micro-credential-extension.js';
import type { IssuerProfile, VerifiableCredential } from './model.js';

/**
 * A learner's transcript: every course they enrolled on, each attempt's mark per component, the
 * result, the credit and the award, revoked or not. The PDF and the CLR are both drawn from it.
 */
export interface Transcript {
  learnerId: string;
  /** Opened by the caller: "[erased]" once the learner is erased. */
  learnerName: string;
  /** Who keeps the record: the deployment's issuer. */
  issuerName: string;
  /** When the record was read. */
  asOf: string;
  /** Credit of the awards still standing. */
  credits: { cats: number; ects: number };
  courses: TranscriptCourse[];
}

export interface TranscriptCourse {
  enrolmentId: string;
  courseId: string;
  code: string;
  title: string;
  level: Level | null;
  /** CATS credits the course carries. */
  credits: number;
  startDate: string;
  /** Where the enrolment stands, in words: "Passed (Merit)", "Awaiting the board", "Withdrawn". */
  standing: string;
  /** The Open Badges result status of the whole course. */
  status: 'Completed' | 'Failed' | 'InProgress' | 'OnHold' | 'Provisional' | 'Withdrew';
  /** The board-confirmed (or, before the board, calculated) overall mark and grade. */
  outcome: { weightedMark: number; grade: string | null; confirmed: boolean } | null;
  components: TranscriptComponent[];
  award: TranscriptAward | null;
  /** The latest date the entry changed: a submission, a mark, a confirmation, a withdrawal. */
  changedAt: string;
}

export interface TranscriptComponent {
  id: string;
  title: string;
  weight: number;
  passMark: number;
  attempts: { attempt: number; submittedAt: string; mark: number | null }[];
}

export interface TranscriptAward {
  awardId: string;
  issuedOn: string;
  credits: { cats: number; ects: number };
  revoked: { revokedAt: string; reason: string } | null;
}

const longDate = (iso: string): string =>
  new Date(dateTimeOf(iso.slice(0, 10))).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** "Awarded on 23 November 2026 (15 CATS, 7.5 ECTS)" or "Revoked on 1 December 2026: Issued in error" */
export const awardLine = (award: TranscriptAward): string =>
  award.revoked
    ? `Award revoked on ${longDate(award.revoked.revokedAt)}: ${award.revoked.reason}`
    : `Awarded on ${longDate(award.issuedOn)} (${formatCredits(award.credits.cats)} CATS, ${formatCredits(award.credits.ects)} ECTS)`;

/** "Critical essay, attempt 2" */
export const attemptName = (component: TranscriptComponent, attempt: number): string =>
  `${component.title}, attempt ${attempt}`;

export interface CourseRecordOptions {
  /** The CLR the record is part of: the record's id is under it. */
  clrId: string;
  baseUrl: string;
  issuer: IssuerProfile;
  subjectId: string;
  identifiers: IdentityObject[];
}

/**
 * One transcript entry as an Open Badges 3.0 AchievementCredential issued by the deployment (it
 * keeps the record): the course as an Achievement of type Course, whose resultDescriptions are
 * the overall mark, the grade, the award and each component attempt; the learner's Results
 * against them, with the course's status (Provisional until the board confirms).
 */
export const buildCourseRecordCredential = (
  course: TranscriptCourse,
  options: CourseRecordOptions,
): VerifiableCredential => {
  const achievementId = `${options.baseUrl}/v1/courses/${course.courseId}`;
  const describe = (key: string, name: string, resultType: string, extra: Record<string, unknown> = {}) => ({
    id: `${achievementId}#${key}`,
    type: ['ResultDescription'],
    name,
    resultType,
    ...extra,
  });
  const percent = { valueMin: '0', valueMax: '100' };
  const attempts = course.components.flatMap((component) =>
    component.attempts.map((attempt) => ({ component, attempt })),
  );
  const resultDescription = [
    describe('mark', 'Weighted mark (%)', 'Percent', percent),
    describe('grade', 'Grade', 'LetterGrade', { allowedValue: ['Pass', 'Merit', 'Distinction'] }),
    describe('award', 'Award', 'Status'),
    ...course.components.flatMap((component) =>
      component.attempts.map(({ attempt }) =>
        describe(`${component.id}-${attempt}`, attemptName(component, attempt), 'Percent', {
          ...percent,
          requiredValue: String(component.passMark),
        }),
      ),
    ),
  ];
  const result = [
    ...(course.outcome
      ? [
          {
            type: ['Result'],
            resultDescription: `${achievementId}#mark`,
            value: String(course.outcome.weightedMark),
            status: course.status,
          },
        ]
      : [{ type: ['Result'], resultDescription: `${achievementId}#mark`, status: course.status }]),
    ...(course.outcome?.grade
      ? [{ type: ['Result'], resultDescription: `${achievementId}#grade`, value: course.outcome.grade }]
      : []),
    ...(course.award
      ? [{ type: ['Result'], resultDescription: `${achievementId}#award`, value: awardLine(course.award) }]
      : []),
    ...attempts.map(({ component, attempt }) => ({
      type: ['Result'],
      resultDescription: `${achievementId}#${component.id}-${attempt.attempt}`,
      ...(attempt.mark === null ? { status: 'InProgress' } : { value: String(attempt.mark) }),
    })),
  ];
  const level = course.level ? `, ${levelLabel(course.level)}` : '';
  return {
    // The deployment's extension context defines the credentialSchema type.
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, microCredentialContextUrl(options.baseUrl)],
    id: `${options.clrId}/courses/${course.enrolmentId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${course.code} ${course.title}: course record`,
    issuer: options.issuer,
    validFrom: course.changedAt,
    credentialSubject: {
      id: options.subjectId,
      type: ['AchievementSubject'],
      identifier: options.identifiers,
      activityStartDate: dateTimeOf(course.startDate),
      ...(course.award && !course.award.revoked ? { creditsEarned: course.award.credits.cats } : {}),
      result,
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Course',
        name: course.title,
        humanCode: course.code,
        description: `${course.title} (${formatCredits(course.credits)} credits${level})`,
        criteria: {
          narrative: course.components
            .map((c) => `${c.title}: ${c.weight}% of the mark, pass mark ${c.passMark}%`)
            .join('\n'),
        },
        creditsAvailable: course.credits,
        resultDescription,
      },
    },
    credentialSchema: [{ id: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
  };
};
