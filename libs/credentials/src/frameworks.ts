import { eqfLevelOf as domainEqfLevelOf, type Level } from '#domain';

/** Where the UK classification schemes and qualifications frameworks are published. */
export const SCHEMES = {
  HECoS: {
    name: 'Higher Education Classification of Subjects (HECoS)',
    url: 'https://www.hesa.ac.uk/innovation/hecos',
  },
  CAH: { name: 'Common Aggregation Hierarchy (CAH)', url: 'https://www.hesa.ac.uk/support/documentation/hecos/cah' },
} as const;

const FRAMEWORKS = {
  FHEQ: {
    name: 'Framework for Higher Education Qualifications (FHEQ)',
    url: 'https://www.qaa.ac.uk/the-quality-code/qualifications-frameworks',
  },
  SCQF: {
    name: 'Scottish Credit and Qualifications Framework (SCQF)',
    url: 'https://scqf.org.uk/about-the-framework/interactive-framework/',
  },
  CQFW: {
    name: 'Credit and Qualifications Framework for Wales (CQFW)',
    url: 'https://www.gov.wales/credit-and-qualifications-framework-cqfw',
  },
  RQF: {
    name: 'Regulated Qualifications Framework (RQF)',
    url: 'https://www.gov.uk/government/publications/types-of-regulated-qualifications',
  },
} as const;

export const frameworkOf = (level: Level): { name: string; url: string } => FRAMEWORKS[level.framework];

/** "FHEQ level 7" */
export const levelLabel = (level: Level): string => `${level.framework} level ${level.level}`;

/** 7.5 -> "7.5", 15 -> "15" */
export const formatCredits = (credits: number): string => String(Number(credits.toFixed(2)));

/** ISO date (YYYY-MM-DD) -> VC dateTimeStamp at midnight UTC. */
export const dateTimeOf = (isoDate: string): string => (isoDate.includes('T') ? isoDate : `${isoDate}T00:00:00Z`);

export const EQF = {
  name: 'European Qualifications Framework (EQF)',
  url: 'https://europass.europa.eu/en/europass-digital-tools/european-qualifications-framework',
} as const;

/** EQF level of a UK framework level: the domain's referencing table, stated once. */
export const eqfLevelOf = (level: Level): number | undefined => domainEqfLevelOf(level) ?? undefined;

/** Notional learning hours: 10 per UK (CATS) credit (QAA Credit Framework), unless the course sets its own. */
export const NOTIONAL_HOURS_PER_CREDIT = 10;
export const notionalHoursOf = (catsCredits: number, set?: number): number =>
  set ?? Math.round(catsCredits * NOTIONAL_HOURS_PER_CREDIT);
