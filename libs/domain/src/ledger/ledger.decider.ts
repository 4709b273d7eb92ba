import { isKnownLevel, toEcts } from '../course/qualification-frameworks.js';
import { progressTowards } from '../pathway/progress.js';
import type { Clock } from '../shared/clock.js';
import { isIsoDate, ISO_DATE_RULE, toIsoDate } from '../shared/dates.js';
import type { Decider } from '../shared/decider.js';
import { NotFound, StateConflict, Violations } from '../shared/errors.js';
import { isNonBlank, isText, TEXT_RULE } from '../shared/text.js';
import {
  ACCESS_DECISIONS,
  PRIOR_LEARNING_KINDS,
  type ConferPathway,
  type DecidePriorLearning,
  type LedgerCommand,
  type LedgerEvent,
  type RecordAccessRpl,
  type RecordAwardCredit,
  type RecordAwardRevocation,
} from './ledger.events.js';
import { evolveLedger, initialLedgerState, type LedgerState } from './ledger.state.js';

/** Refused because the learner's credits do not yet meet the pathway's rules; `missing` says why. */
export class PathwayNotEligible extends StateConflict {
  constructor(
    title: string,
    readonly missing: string[],
  ) {
    super(`not eligible for ${title}: ${missing.join('; ')}`);
  }
}

const MAX_CREDIT_BLOCK = 360;
const isCredit = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_CREDIT_BLOCK;

/** Awards arrive from the award streams and may be offered again: recording one twice is a no-op. */
const recordAward = ({ data }: RecordAwardCredit, state: LedgerState): LedgerEvent[] => {
  new Violations()
    .check(isNonBlank(data.awardId), 'awardId', 'must be 1-200 characters')
    .check(isNonBlank(data.courseId), 'courseId', 'must be 1-200 characters')
    .check(isNonBlank(data.title), 'title', 'must be 1-200 characters')
    .check(
      isCredit(data.credits?.cats),
      'credits',
      `must be a whole number of CATS credits from 1 to ${MAX_CREDIT_BLOCK}`,
    )
    .check(isKnownLevel(data.level ?? ({} as never)), 'level', 'must be a level of FHEQ, SCQF, CQFW or RQF')
    .check(isIsoDate(data.issuedOn), 'issuedOn', ISO_DATE_RULE)
    .throwIfAny();
  if (state.entries[data.awardId]) return [];
  const { awardId, learnerId, courseId, title, awardingBody, credits, level, issuedOn } = data;
  return [
    {
      type: 'AwardCreditRecorded',
      data: {
        creditId: awardId,
        learnerId,
        awardId,
        courseId,
        title,
        provider: awardingBody,
        credits,
        level,
        achievedOn: issuedOn,
      },
    },
  ];
};

/** A revoked award can no longer count; a credit already conferred stays conferred (a registry matter). */
const recordRevocation = ({ data }: RecordAwardRevocation, state: LedgerState): LedgerEvent[] => {
  const credit = state.entries[data.awardId];
  if (!credit || credit.source !== 'award') throw new NotFound(`award ${data.awardId} is not in the ledger`);
  if (credit.revoked) return [];
  return [
    { type: 'AwardCreditRevoked', data: { creditId: data.awardId, learnerId: data.learnerId, awardId: data.awardId } },
  ];
};

const samePriorLearning = (a: { provider: string; title: string; achievedOn: string }, b: typeof a): boolean =>
  a.provider.trim().toLowerCase() === b.provider.trim().toLowerCase() &&
  a.title.trim().toLowerCase() === b.title.trim().toLowerCase() &&
  a.achievedOn === b.achievedOn;

const decidePriorLearning = ({ data }: DecidePriorLearning, state: LedgerState, clock: Clock): LedgerEvent[] => {
  const today = toIsoDate(clock.now());
  const declining = data.decision === 'declined';
  new Violations()
    .check(data.decision === 'recognised' || declining, 'decision', 'must be recognised or declined')
    .check(PRIOR_LEARNING_KINDS.includes(data.kind), 'kind', 'must be rpl or transfer')
    .check(isNonBlank(data.provider), 'provider', 'must be 1-200 characters')
    .check(isNonBlank(data.title), 'title', 'must be 1-200 characters')
    .check(isCredit(data.credits), 'credits', `must be a whole number of CATS credits from 1 to ${MAX_CREDIT_BLOCK}`)
    .check(isKnownLevel(data.level ?? ({} as never)), 'level', 'must be a level of FHEQ, SCQF, CQFW or RQF')
    .check(isIsoDate(data.awardedOn) && data.awardedOn <= today, 'awardedOn', `${ISO_DATE_RULE}, not in the future`)
    .check(isNonBlank(data.evidenceRef, 500), 'evidenceRef', 'must be 1-500 characters')
    .check(!declining || isText(data.reason), 'reason', `${TEXT_RULE} when the credit is declined`)
    .throwIfAny();
  if (state.entries[data.creditId] || state.declined.some((d) => d.creditId === data.creditId))
    throw new StateConflict(`credit ${data.creditId} was already decided`);
  const claim = {
    creditId: data.creditId,
    learnerId: data.learnerId,
    kind: data.kind,
    provider: data.provider.trim(),
    title: data.title.trim(),
    credits: { cats: data.credits, ects: toEcts(data.credits) },
    level: { framework: data.level.framework, level: data.level.level },
    achievedOn: data.awardedOn,
    evidenceRef: data.evidenceRef.trim(),
  };
  if (declining)
    return [
      {
        type: 'CreditDeclined',
        data: { ...claim, reason: data.reason!.trim(), declinedBy: data.decidedBy, declinedOn: today },
      },
    ];
  // The same learning recognised twice would count twice (QAA 2022, 5.2: no double-counting).
  const duplicate = Object.values(state.entries).find((c) => c.source !== 'award' && samePriorLearning(c, claim));
  if (duplicate)
    throw new StateConflict(
      `${claim.title} from ${claim.provider} was already recognised as credit ${duplicate.creditId}`,
    );
  return [{ type: 'CreditRecognised', data: { ...claim, recognisedBy: data.decidedBy, recognisedOn: today } }];
};

const recordAccessRpl = ({ data, course }: RecordAccessRpl, state: LedgerState, clock: Clock): LedgerEvent[] => {
  new Violations()
    .check(ACCESS_DECISIONS.includes(data.decision), 'decision', 'must be admitted or refused')
    .check(isNonBlank(data.basis, 2000), 'basis', 'must be 1-2000 characters')
    .check(isNonBlank(data.evidenceRef, 500), 'evidenceRef', 'must be 1-500 characters')
    .throwIfAny();
  if (course.status !== 'defined') throw new NotFound(`course ${data.courseId} not found`);
  if (state.accessDecisions.some((d) => d.courseId === data.courseId))
    throw new StateConflict(`access to ${course.code} was already decided for this learner`);
  return [
    {
      type: 'AccessRplRecorded',
      data: {
        learnerId: data.learnerId,
        courseId: data.courseId,
        decision: data.decision,
        basis: data.basis.trim(),
        evidenceRef: data.evidenceRef.trim(),
        decidedBy: data.decidedBy,
        decidedOn: toIsoDate(clock.now()),
      },
    },
  ];
};

/**
 * Conferment marks the credits used in this stream: appended at the expected version, two
 * concurrent conferments of the same credits cannot both succeed.
 */
const confer = ({ data, pathway }: ConferPathway, state: LedgerState, clock: Clock): LedgerEvent[] => {
  if (pathway.status !== 'defined') throw new NotFound('pathway not found');
  const progress = progressTowards(pathway, state, toIsoDate(clock.now()));
  if (!progress.eligible) throw new PathwayNotEligible(pathway.title, progress.missing);
  const cats = progress.countedCredits;
  return [
    {
      type: 'PathwayConferred',
      data: {
        learnerId: data.learnerId,
        pathwayId: pathway.pathwayId,
        title: pathway.title,
        awardingBody: pathway.awardingBody,
        level: pathway.level,
        credits: { cats, ects: toEcts(cats) },
        creditIds: progress.counting.map((c) => c.creditId),
        conferredOn: toIsoDate(clock.now()),
        conferredBy: data.conferredBy,
      },
    },
  ];
};

const decide = (command: LedgerCommand, state: LedgerState, clock: Clock): LedgerEvent[] => {
  switch (command.type) {
    case 'RecordAwardCredit':
      return recordAward(command, state);
    case 'RecordAwardRevocation':
      return recordRevocation(command, state);
    case 'DecidePriorLearning':
      return decidePriorLearning(command, state, clock);
    case 'RecordAccessRpl':
      return recordAccessRpl(command, state, clock);
    case 'ConferPathway':
      return confer(command, state, clock);
  }
};

export const ledgerDecider: Decider<LedgerCommand, LedgerEvent, LedgerState> = {
  initialState: initialLedgerState,
  evolve: evolveLedger,
  decide,
};
