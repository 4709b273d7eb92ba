import type { LedgerCredit, LedgerState, Conferment } from '../ledger/ledger.state.js';
import type { IsoDate } from '../shared/dates.js';
import { hasExpired } from './credit-age.js';
import { isAtOrAbove, levelName } from './level-equivalence.js';
import { providerKey, type PathwayState } from './pathway.decider.js';

export type PathwayRules = Extract<PathwayState, { status: 'defined' }>;
export type ExcludedCredit = LedgerCredit & { reason: string };

export interface PathwayProgress {
  pathwayId: string;
  title: string;
  eligible: boolean;
  /** Human reasons the learner is not yet eligible, e.g. 'needs 20 more credits'. */
  missing: string[];
  /** The credits a conferment today would use. */
  counting: LedgerCredit[];
  /** Usable credits a conferment would not need (or that would break the RPL cap). */
  available: LedgerCredit[];
  expired: LedgerCredit[];
  usedElsewhere: LedgerCredit[];
  notAllowed: ExcludedCredit[];
  totalCredits: number;
  countedCredits: number;
  creditsAtLevel: number;
  rplCredits: number;
  rplCap: number;
  conferred: Conferment | null;
}

const isPriorLearning = (credit: LedgerCredit): boolean => credit.source !== 'award';

/** Why a credit can never count towards this pathway, or undefined when it may. */
const exclusion = (pathway: PathwayRules, credit: LedgerCredit): string | undefined => {
  if (credit.revoked) return 'the award was revoked';
  if (credit.source === 'award' && !pathway.allowedCourseIds.includes(credit.courseId ?? ''))
    return 'the course is not part of this pathway';
  if (
    credit.source === 'transfer' &&
    !pathway.consortiumPartners.some((p) => providerKey(p) === providerKey(credit.provider))
  )
    return `${credit.provider} is not a consortium partner of this pathway`;
  return undefined;
};

/** Our own awards before prior learning, then newest first (ties by id, so the choice is stable). */
const preference = (a: LedgerCredit, b: LedgerCredit): number =>
  Number(isPriorLearning(a)) - Number(isPriorLearning(b)) ||
  b.achievedOn.localeCompare(a.achievedOn) ||
  a.creditId.localeCompare(b.creditId);

/**
 * Which of a learner's credits would count towards a pathway today, and what is still missing.
 * Credits are indivisible, so the choice is greedy in three passes: the capstone, then credit at the
 * target level until its minimum is met, then any credit until the total is met, never letting
 * RPL/transfer exceed its cap.
 */
export const progressTowards = (pathway: PathwayRules, ledger: LedgerState, today: IsoDate): PathwayProgress => {
  const expired: LedgerCredit[] = [];
  const usedElsewhere: LedgerCredit[] = [];
  const notAllowed: ExcludedCredit[] = [];
  const usable: LedgerCredit[] = [];
  for (const credit of Object.values(ledger.entries).sort(preference)) {
    const reason = exclusion(pathway, credit);
    if (reason) notAllowed.push({ ...credit, reason });
    else if (credit.usedBy !== null) usedElsewhere.push(credit);
    else if (!pathway.ageLimitSetAside && hasExpired(credit.achievedOn, today, pathway.creditAgeLimitYears))
      expired.push(credit);
    else usable.push(credit);
  }

  const counting: LedgerCredit[] = [];
  const sum = (credits: LedgerCredit[]) => credits.reduce((total, c) => total + c.credits.cats, 0);
  const total = () => sum(counting);
  const atLevel = () => sum(counting.filter((c) => isAtOrAbove(c.level, pathway.level)));
  const rpl = () => sum(counting.filter(isPriorLearning));
  let cappedOut = false;
  const take = (credit: LedgerCredit): void => {
    if (counting.includes(credit)) return;
    if (isPriorLearning(credit) && rpl() + credit.credits.cats > pathway.rplCapCredits) {
      cappedOut = true;
      return;
    }
    counting.push(credit);
  };

  const capstone =
    pathway.capstone && usable.find((c) => c.source === 'award' && c.courseId === pathway.capstone!.courseId);
  if (capstone) take(capstone);
  for (const credit of usable.filter((c) => isAtOrAbove(c.level, pathway.level)))
    if (atLevel() < pathway.minCreditsAtLevel) take(credit);
  for (const credit of usable) if (total() < pathway.totalCredits) take(credit);

  const missing: string[] = [];
  const conferred = ledger.conferments[pathway.pathwayId] ?? null;
  if (conferred) missing.push(`${pathway.title} was already conferred on ${conferred.conferredOn}`);
  if (total() < pathway.totalCredits) {
    const cap = cappedOut ? ` (at most ${pathway.rplCapCredits} may come from RPL or transfer)` : '';
    missing.push(`needs ${pathway.totalCredits - total()} more credits${cap}`);
  }
  if (atLevel() < pathway.minCreditsAtLevel)
    missing.push(`needs ${pathway.minCreditsAtLevel - atLevel()} more credits at ${levelName(pathway.level)}`);
  if (pathway.capstone && !capstone) missing.push(`needs the capstone ${pathway.capstone.code}`);

  return {
    pathwayId: pathway.pathwayId,
    title: pathway.title,
    eligible: missing.length === 0,
    missing,
    counting,
    available: usable.filter((c) => !counting.includes(c)),
    expired,
    usedElsewhere,
    notAllowed,
    totalCredits: pathway.totalCredits,
    countedCredits: total(),
    creditsAtLevel: atLevel(),
    rplCredits: rpl(),
    rplCap: pathway.rplCapCredits,
    conferred,
  };
};
