import type { Level } from '../course/qualification-frameworks.js';

/**
 * FHEQ and CQFW share level numbers; SCQF counts higher education as 7-12. Credit from any of the
 * three frameworks is compared on the FHEQ scale (QAA 2022, 1.3: SCQF 11 ~ FHEQ 7, 9-10 ~ 6).
 */
const SCQF_TO_FHEQ: Record<number, number> = { 7: 4, 8: 5, 9: 6, 10: 6, 11: 7, 12: 8 };

export const fheqEquivalent = (level: Level): number =>
  level.framework === 'SCQF' ? (SCQF_TO_FHEQ[level.level] ?? 0) : level.level;

export const isAtOrAbove = (level: Level, target: Level): boolean => fheqEquivalent(level) >= fheqEquivalent(target);

export const levelName = (level: Level): string => `${level.framework} ${level.level}`;
