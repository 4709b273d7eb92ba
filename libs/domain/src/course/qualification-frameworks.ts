/**
 * Levels and credit sizes from the UK qualifications frameworks. A micro-credential must not be
 * "at a level and size that would normally constitute an award in its own right" (QAA 2022, 1.5),
 * so each level names the smallest macro-credential its credit could already make.
 */
export type Framework = 'FHEQ' | 'SCQF' | 'CQFW';
export const FRAMEWORKS: readonly Framework[] = ['FHEQ', 'SCQF', 'CQFW'];

export interface Level {
  framework: Framework;
  level: number;
}

interface MacroCredential {
  name: string;
  credits: number;
}

const CERT_HE = { name: 'Certificate of Higher Education (CertHE)', credits: 120 };
const GRAD_CERT = { name: 'Graduate Certificate', credits: 60 };
const PG_CERT = { name: 'Postgraduate Certificate (PgCert)', credits: 60 };

// FHEQ and CQFW share levels 4-8; SCQF counts higher education as 7-12 (QAA 2022, 1.3).
const SMALLEST_AWARD: Record<Framework, Record<number, MacroCredential>> = {
  FHEQ: { 4: CERT_HE, 5: CERT_HE, 6: GRAD_CERT, 7: PG_CERT, 8: PG_CERT },
  CQFW: { 4: CERT_HE, 5: CERT_HE, 6: GRAD_CERT, 7: PG_CERT, 8: PG_CERT },
  SCQF: { 7: CERT_HE, 8: CERT_HE, 9: GRAD_CERT, 10: GRAD_CERT, 11: PG_CERT, 12: PG_CERT },
};

export const levelsOf = (framework: Framework): number[] => Object.keys(SMALLEST_AWARD[framework]).map(Number);

export const isKnownLevel = (level: Level): boolean =>
  FRAMEWORKS.includes(level.framework) &&
  Number.isInteger(level.level) &&
  Object.hasOwn(SMALLEST_AWARD[level.framework], level.level);

/** The macro-credential that `credits` at `level` would already amount to, if any. */
export const macroCredentialReachedBy = (credits: number, level: Level): MacroCredential | undefined => {
  const award = SMALLEST_AWARD[level.framework][level.level];
  return award && credits >= award.credits ? award : undefined;
};

/** Postgraduate study (FHEQ/CQFW 7+, SCQF 11+) passes at 50; undergraduate at 40. */
export const isPostgraduate = (level: Level): boolean =>
  level.framework === 'SCQF' ? level.level >= 11 : level.level >= 7;

export const defaultPassMark = (level: Level): number => (isPostgraduate(level) ? 50 : 40);

/** ECTS is half of UK CATS credit. */
export const toEcts = (catsCredits: number): number => catsCredits / 2;
