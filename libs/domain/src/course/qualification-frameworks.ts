/**
 * Levels and credit sizes from the UK qualifications frameworks. A micro-credential must not be
 * "at a level and size that would normally constitute an award in its own right" (QAA 2022, 1.5),
 * so each level lists the macro-awards made at that level and their credit; a course as large as
 * the smallest of them is refused ("award the macro-credential instead"), and a course may only be
 * named after one of them when it is that award's size (QAA 2022, 7.3: naming must not mislead).
 *
 * SCQF here covers all its credit-rated levels 1-12, FQHEIS being its higher-education part (7-12).
 * RQF and CQFW levels 1-8 are numbered as on those frameworks; Entry levels are not offered.
 * Credits are UK credits (CATS and SCQF credit points alike are 10 notional hours each).
 */
export type Framework = 'FHEQ' | 'SCQF' | 'CQFW' | 'RQF';
export const FRAMEWORKS: readonly Framework[] = ['FHEQ', 'SCQF', 'CQFW', 'RQF'];

export interface Level {
  framework: Framework;
  level: number;
}

export interface MacroAward {
  name: string;
  /** The award's size: all of a single course's credit is at its one level. */
  credits: number;
  /**
   * A size band (RQF/CQFW "Award", "Certificate", "Diploma") only governs naming: a course in the
   * band may use the word, and its size is no reason to refuse it. Absent for qualifications proper.
   */
  maxCredits?: number;
  /** How a title names this award: the words case-insensitively, abbreviations exactly. */
  namedBy: RegExp[];
}

const words = (pattern: string): RegExp => new RegExp(pattern, 'i');
const abbreviation = (...abbreviations: string[]): RegExp => new RegExp(`\\b(?:${abbreviations.join('|')})\\b`);

// Sizes: QAA Higher Education Credit Framework for England (2021), FQHEIS (2014), SQA/Pearson
// Higher Nationals, Ofqual's RQF size bands (1 credit = 10 hours of total qualification time).
const award = (name: string, credits: number, ...namedBy: RegExp[]): MacroAward => ({ name, credits, namedBy });
const CERT_HE = award(
  'Certificate of Higher Education (CertHE)',
  120,
  words('\\bCertificate of Higher Education\\b'),
  abbreviation('CertHE'),
);
const HNC = award(
  'Higher National Certificate (HNC)',
  120,
  words('\\bHigher National Certificate\\b'),
  abbreviation('HNC'),
);
const DIP_HE = award(
  'Diploma of Higher Education (DipHE)',
  240,
  words('\\bDiploma of Higher Education\\b'),
  abbreviation('DipHE'),
);
const FOUNDATION_DEGREE = award(
  'Foundation Degree',
  240,
  words('\\bFoundation Degree\\b'),
  abbreviation('FdA', 'FdSc', 'FdEng'),
);
const HND = award('Higher National Diploma (HND)', 240, words('\\bHigher National Diploma\\b'), abbreviation('HND'));
const GRAD_CERT = award('Graduate Certificate', 60, words('\\bGraduate Certificate\\b'), abbreviation('GradCert'));
const GRAD_DIP = award('Graduate Diploma', 120, words('\\bGraduate Diploma\\b'), abbreviation('GradDip'));
const ORDINARY_DEGREE = award(
  "Bachelor's degree",
  300,
  words("\\bBachelor(?:'?s)?\\b"),
  abbreviation('BA', 'BSc', 'BEng', 'LLB', 'BEd'),
);
const HONOURS_DEGREE = award("Bachelor's degree with honours", 360, words('\\bHonours\\b|\\(Hons\\)'));
const PG_CERT = award(
  'Postgraduate Certificate (PgCert)',
  60,
  words('\\bPost-?graduate Certificate\\b'),
  words('\\bPG ?Cert\\b'),
);
const PG_DIP = award(
  'Postgraduate Diploma (PgDip)',
  120,
  words('\\bPost-?graduate Diploma\\b'),
  words('\\bPG ?Dip\\b'),
);
const MASTERS = award(
  "Master's degree",
  180,
  words("\\bMaster(?:'?s)? (?:of|in|degree)\\b"),
  abbreviation('MA', 'MSc', 'MBA', 'MRes', 'MPhil', 'LLM', 'MEd'),
);
const INTEGRATED_MASTERS = award("Integrated master's degree", 480, abbreviation('MEng', 'MChem', 'MPhys', 'MMath'));
const DOCTORATE = award(
  'Doctoral degree',
  540,
  words('\\bDoctorate\\b|\\bDoctor of\\b'),
  abbreviation('PhD', 'DPhil', 'EdD', 'DBA', 'DProf'),
);
const NATIONAL_CERT = award('National Certificate', 72, words('(?<!Higher )\\bNational Certificate\\b'));
const SCQF_HNC = { ...HNC, credits: 96 };
const SCQF_HONOURS = { ...HONOURS_DEGREE, credits: 480 };
const SCQF_ORDINARY = { ...ORDINARY_DEGREE, credits: 360 };
const SCQF_INTEGRATED_MASTERS = { ...INTEGRATED_MASTERS, credits: 600 };
const RQF_BANDS: MacroAward[] = [
  { name: 'Award', credits: 1, maxCredits: 12, namedBy: [] },
  { name: 'Certificate (RQF size)', credits: 13, maxCredits: 36, namedBy: [] },
  { name: 'Diploma (RQF size)', credits: 37, maxCredits: Infinity, namedBy: [] },
];

/** The higher-education levels FHEQ, RQF 4-8 and CQFW 4-8 share (QAA 2022, 1.3). */
const HE_LEVELS: Record<number, MacroAward[]> = {
  4: [CERT_HE, HNC],
  5: [DIP_HE, FOUNDATION_DEGREE, HND],
  6: [GRAD_CERT, GRAD_DIP, ORDINARY_DEGREE, HONOURS_DEGREE],
  7: [PG_CERT, PG_DIP, MASTERS, INTEGRATED_MASTERS],
  8: [DOCTORATE],
};

interface LevelOf {
  awards: MacroAward[];
  /** The European Qualifications Framework level the UK referencing reports give it; null when none. */
  eqf: number | null;
}

// EQF: the UK referencing (England and Northern Ireland, Wales: RQF/CQFW 1-3 -> EQF 2-4, 4-5 -> 5,
// 6-8 -> 6-8) and the SCQF's own (SCQF 3-6 -> EQF 1-4, 7-8 -> 5, 9-10 -> 6, 11 -> 7, 12 -> 8;
// SCQF 1-2 are not referenced). FHEQ 4 and 5 sit with the short cycle at EQF 5.
const EQF_OF_UK_LEVEL: Record<number, number> = { 1: 2, 2: 3, 3: 4, 4: 5, 5: 5, 6: 6, 7: 7, 8: 8 };
const EQF_OF_SCQF: Record<number, number | null> = {
  1: null,
  2: null,
  3: 1,
  4: 2,
  5: 3,
  6: 4,
  7: 5,
  8: 5,
  9: 6,
  10: 6,
  11: 7,
  12: 8,
};

const ukLevel = (level: number, awards: MacroAward[]): LevelOf => ({ awards, eqf: EQF_OF_UK_LEVEL[level]! });
const scqfLevel = (level: number, awards: MacroAward[]): LevelOf => ({ awards, eqf: EQF_OF_SCQF[level]! });

const LEVELS: Record<Framework, Record<number, LevelOf>> = {
  FHEQ: Object.fromEntries([4, 5, 6, 7, 8].map((n) => [n, ukLevel(n, HE_LEVELS[n]!)])),
  CQFW: Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((n) => [n, ukLevel(n, n <= 3 ? RQF_BANDS : HE_LEVELS[n]!)])),
  RQF: Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((n) => [n, ukLevel(n, n <= 3 ? RQF_BANDS : HE_LEVELS[n]!)])),
  SCQF: {
    1: scqfLevel(1, []),
    ...Object.fromEntries([2, 3, 4, 5, 6].map((n) => [n, scqfLevel(n, [NATIONAL_CERT])])),
    7: scqfLevel(7, [SCQF_HNC, CERT_HE]),
    8: scqfLevel(8, [DIP_HE, HND]),
    9: scqfLevel(9, [GRAD_CERT, GRAD_DIP, SCQF_ORDINARY]),
    10: scqfLevel(10, [GRAD_CERT, GRAD_DIP, SCQF_HONOURS]),
    11: scqfLevel(11, [PG_CERT, PG_DIP, MASTERS, SCQF_INTEGRATED_MASTERS]),
    12: scqfLevel(12, [DOCTORATE]),
  },
};

/** Every award named anywhere, once: what a title may not claim unless the course is that award. */
const ALL_AWARDS: MacroAward[] = [
  ...new Map(
    Object.values(LEVELS)
      .flatMap((levels) => Object.values(levels))
      .flatMap((level) => level.awards)
      .map((award) => [award.name, award]),
  ).values(),
];

export const levelsOf = (framework: Framework): number[] => Object.keys(LEVELS[framework]).map(Number);

export const isKnownLevel = (level: Level): boolean =>
  FRAMEWORKS.includes(level.framework) &&
  Number.isInteger(level.level) &&
  Object.hasOwn(LEVELS[level.framework], level.level);

/** The macro-awards made at a level, smallest first. */
export const macroAwardsAt = (level: Level): MacroAward[] =>
  [...(LEVELS[level.framework][level.level]?.awards ?? [])].sort((a, b) => a.credits - b.credits);

/** The EQF level of a UK level, for the EU mandatory elements; null where the frameworks give none. */
export const eqfLevelOf = (level: Level): number | null => LEVELS[level.framework][level.level]?.eqf ?? null;

/** The macro-credentials that `credits` at `level` would already amount to (the smallest size), if any. */
export const macroCredentialReachedBy = (
  credits: number,
  level: Level,
): { credits: number; name: string } | undefined => {
  const reached = macroAwardsAt(level).filter((award) => award.maxCredits === undefined && credits >= award.credits);
  const smallest = reached[0];
  if (!smallest) return undefined;
  const names = reached.filter((award) => award.credits === smallest.credits).map((award) => award.name);
  return { credits: smallest.credits, name: names.join(' or ') };
};

/** What a title claims: a named award, or a bare "Diploma" / "degree" (any award of that kind). */
interface TitleClaim {
  name: string;
  /** The awards at a level that would make the claim true. */
  madeBy: (award: MacroAward) => boolean;
}

const GENERIC_CLAIMS: (TitleClaim & { pattern: RegExp })[] = [
  { name: 'Diploma', pattern: /\bDiploma\b/i, madeBy: (award) => award.name.includes('Diploma') },
  // "360-degree feedback" is not a degree.
  {
    name: 'degree',
    pattern: /(?<![\d-])\bdegree\b/i,
    madeBy: (award) => /degree/i.test(award.name) || award === DOCTORATE,
  },
];

const fitsSize = (credits: number, award: MacroAward): boolean =>
  credits >= award.credits && credits <= (award.maxCredits ?? Infinity);

/**
 * The first macro-award a title claims that the course is not: an award not made at its level, or
 * one it is not the size of (the smallest such award at its level, when there is one).
 */
export const awardMisnamedBy = (
  title: string,
  credits: number,
  level: Level,
): { claimed: string; atLevel: MacroAward | undefined } | undefined => {
  const claims: TitleClaim[] = [
    ...ALL_AWARDS.filter((award) => award.namedBy.some((pattern) => pattern.test(title))).map((award) => ({
      name: award.name,
      madeBy: (candidate: MacroAward) => candidate.name === award.name,
    })),
    ...GENERIC_CLAIMS.filter((claim) => claim.pattern.test(title)),
  ];
  const awards = macroAwardsAt(level);
  for (const claim of claims) {
    const candidates = awards.filter(claim.madeBy);
    if (!candidates.some((award) => fitsSize(credits, award))) return { claimed: claim.name, atLevel: candidates[0] };
  }
  return undefined;
};

/** Postgraduate study (FHEQ/CQFW/RQF 7+, SCQF 11+) passes at 50; the rest at 40. */
export const isPostgraduate = (level: Level): boolean =>
  level.framework === 'SCQF' ? level.level >= 11 : level.level >= 7;

export const defaultPassMark = (level: Level): number => (isPostgraduate(level) ? 50 : 40);

/** ECTS is half of UK CATS credit. */
export const toEcts = (catsCredits: number): number => catsCredits / 2;
