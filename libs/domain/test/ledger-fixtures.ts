/**
 * Credit-ledger test data: a PgCert Data Science pathway (60 credits, 40 at FHEQ 7, capstone DS799,
 * RPL/transfer at most 2/3, credit valid 5 years) and builders for ledger events. "Today" is NOW
 * (1 March 2026).
 */
import {
  fold,
  ledgerDecider,
  pathwayDecider,
  type AwardCreditRecorded,
  type CreditRecognised,
  type Level,
  type LedgerEvent,
  type LedgerState,
  type PathwayConferred,
  type PathwayDefinition,
  type PathwayRules,
} from '#domain';
import { LEARNER_ID } from './fixtures.js';

export const PATHWAY_ID = 'pth-pgcert-ds';
export const ANALYTICS = 'crs-ds701';
export const MACHINE_LEARNING = 'crs-ds702';
export const VISUALISATION = 'crs-ds703';
export const CAPSTONE = 'crs-ds799';
export const FHEQ7: Level = { framework: 'FHEQ', level: 7 };
export const FHEQ6: Level = { framework: 'FHEQ', level: 6 };
export const PARTNER = 'Northern Consortium University';

export const pgCertDefinition = (overrides: Partial<PathwayDefinition> = {}): PathwayDefinition => ({
  pathwayId: PATHWAY_ID,
  title: 'PgCert Data Science',
  awardingBody: 'University of Northbridge',
  level: FHEQ7,
  totalCredits: 60,
  minCreditsAtLevel: 40,
  capstone: { courseId: CAPSTONE, code: 'DS799', title: 'Data Science Capstone' },
  allowedCourseIds: [ANALYTICS, MACHINE_LEARNING, VISUALISATION, CAPSTONE],
  consortiumPartners: [PARTNER],
  maxRplProportion: 2 / 3,
  rplCapCredits: 40,
  creditAgeLimitYears: 5,
  ageLimitSetAside: false,
  ...overrides,
});

export const pgCert = (overrides: Partial<PathwayDefinition> = {}): PathwayRules =>
  fold(pathwayDecider, [
    {
      type: 'PathwayDefined',
      data: { ...pgCertDefinition(overrides), definedBy: 'registry-1', definedAt: '2026-01-05T09:00:00.000Z' },
    },
  ]) as PathwayRules;

export const awardCredit = (
  awardId: string,
  { courseId = ANALYTICS, cats = 15, level = FHEQ7, achievedOn = '2025-06-30', title = 'Applied Analytics' } = {},
): AwardCreditRecorded => ({
  type: 'AwardCreditRecorded',
  data: {
    creditId: awardId,
    learnerId: LEARNER_ID,
    awardId,
    courseId,
    title,
    provider: 'University of Northbridge',
    credits: { cats, ects: cats / 2 },
    level,
    achievedOn,
  },
});

export const priorCredit = (
  creditId: string,
  {
    kind = 'rpl' as 'rpl' | 'transfer',
    provider = 'Acme Analytics Ltd',
    cats = 15,
    level = FHEQ7,
    achievedOn = '2024-09-01',
    title = 'Workplace data project',
  } = {},
): CreditRecognised => ({
  type: 'CreditRecognised',
  data: {
    creditId,
    learnerId: LEARNER_ID,
    kind,
    provider,
    title,
    credits: { cats, ects: cats / 2 },
    level,
    achievedOn,
    evidenceRef: `portfolio/${creditId}.pdf`,
    recognisedBy: 'registry-1',
    recognisedOn: '2026-02-01',
  },
});

export const conferred = (pathwayId: string, creditIds: string[], cats = 60): PathwayConferred => ({
  type: 'PathwayConferred',
  data: {
    learnerId: LEARNER_ID,
    pathwayId,
    title: 'PgCert Data Analytics',
    awardingBody: 'University of Northbridge',
    level: FHEQ7,
    credits: { cats, ects: cats / 2 },
    creditIds,
    conferredOn: '2026-01-20',
    conferredBy: 'registry-1',
  },
});

export const ledgerOf = (...events: LedgerEvent[]): LedgerState => fold(ledgerDecider, events);

/** Three FHEQ 7 awards (the capstone newest) and one RPL credit: exactly the PgCert's 60. */
export const stackedToSixty = (): (AwardCreditRecorded | CreditRecognised)[] => [
  awardCredit('awd-1', { courseId: ANALYTICS, achievedOn: '2025-03-01' }),
  awardCredit('awd-2', { courseId: MACHINE_LEARNING, achievedOn: '2025-09-01', title: 'Machine Learning' }),
  awardCredit('awd-3', { courseId: CAPSTONE, achievedOn: '2026-02-20', title: 'Data Science Capstone' }),
  priorCredit('rpl-1'),
];

export const ids = (credits: { creditId: string }[]): string[] => credits.map((c) => c.creditId);
