import type { Clock } from '../shared/clock.js';
import { ledgerDecider } from './ledger.decider.js';
import type { AwardCreditFacts, RecordAwardCredit, RecordAwardRevocation } from './ledger.events.js';
import type { LedgerState } from './ledger.state.js';

export type IssuedAwardFacts = AwardCreditFacts & { revoked: boolean };

/**
 * The commands that bring a ledger up to date with the learner's awards: awards are issued on
 * their own streams by the board runner, so the ledger learns of them (and of revocations) lazily.
 */
export const awardSyncCommands = (
  ledger: LedgerState,
  awards: readonly IssuedAwardFacts[],
): (RecordAwardCredit | RecordAwardRevocation)[] =>
  awards.flatMap(({ revoked, ...facts }) => {
    const known = ledger.entries[facts.awardId];
    const commands: (RecordAwardCredit | RecordAwardRevocation)[] = [];
    if (!known) commands.push({ type: 'RecordAwardCredit', data: facts });
    if (revoked && !known?.revoked)
      commands.push({ type: 'RecordAwardRevocation', data: { learnerId: facts.learnerId, awardId: facts.awardId } });
    return commands;
  });

/** The ledger as it will be once the awards are recorded, without recording them (for queries). */
export const withAwards = (ledger: LedgerState, awards: readonly IssuedAwardFacts[], clock: Clock): LedgerState =>
  awardSyncCommands(ledger, awards).reduce(
    (state, command) => ledgerDecider.decide(command, state, clock).reduce(ledgerDecider.evolve, state),
    ledger,
  );
