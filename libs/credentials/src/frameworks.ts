import type { Level } from '#domain';

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
