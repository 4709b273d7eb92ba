import type { Level } from '../course/qualification-frameworks.js';
import type { IsoDate } from '../shared/dates.js';
import type {
  AccessDecision,
  CreditDeclined,
  CreditSource,
  Credits,
  LedgerEvent,
  PathwayConferred,
} from './ledger.events.js';

/** One block of credit in a learner's lifelong ledger: an award of ours or recognised prior learning. */
export interface LedgerCredit {
  creditId: string;
  source: CreditSource;
  title: string;
  /** The awarding body of an award, or the provider of prior learning. */
  provider: string;
  credits: Credits;
  level: Level;
  achievedOn: IsoDate;
  /** The course of an award of ours; null for prior learning. */
  courseId: string | null;
  evidenceRef: string | null;
  revoked: boolean;
  /** The pathway this credit was conferred towards: a credit counts towards one award only. */
  usedBy: string | null;
}

export type Conferment = Omit<PathwayConferred['data'], 'learnerId' | 'conferredBy'>;
export type DeclinedCredit = Omit<CreditDeclined['data'], 'learnerId'>;
export interface AccessRplDecision {
  courseId: string;
  decision: AccessDecision;
  basis: string;
  evidenceRef: string;
  decidedOn: IsoDate;
}

/** Plain JSON (records, arrays) so the read model can store the state as it is. */
export interface LedgerState {
  learnerId: string | null;
  entries: Record<string, LedgerCredit>;
  declined: DeclinedCredit[];
  accessDecisions: AccessRplDecision[];
  conferments: Record<string, Conferment>;
}

export const initialLedgerState: LedgerState = {
  learnerId: null,
  entries: {},
  declined: [],
  accessDecisions: [],
  conferments: {},
};

const withEntry = (state: LedgerState, learnerId: string, credit: LedgerCredit): LedgerState => ({
  ...state,
  learnerId,
  entries: { ...state.entries, [credit.creditId]: credit },
});

export const evolveLedger = (state: LedgerState, event: LedgerEvent): LedgerState => {
  switch (event.type) {
    case 'AwardCreditRecorded': {
      const { learnerId, awardId: _awardId, ...credit } = event.data;
      return withEntry(state, learnerId, {
        ...credit,
        source: 'award',
        evidenceRef: null,
        revoked: false,
        usedBy: null,
      });
    }
    case 'AwardCreditRevoked': {
      const credit = state.entries[event.data.creditId];
      return credit ? withEntry(state, event.data.learnerId, { ...credit, revoked: true }) : state;
    }
    case 'CreditRecognised': {
      const { learnerId, kind, recognisedBy: _by, recognisedOn: _on, ...credit } = event.data;
      return withEntry(state, learnerId, { ...credit, source: kind, courseId: null, revoked: false, usedBy: null });
    }
    case 'CreditDeclined': {
      const { learnerId, ...declined } = event.data;
      return { ...state, learnerId, declined: [...state.declined, declined] };
    }
    case 'AccessRplRecorded': {
      const { learnerId, courseId, decision, basis, evidenceRef, decidedOn } = event.data;
      return {
        ...state,
        learnerId,
        accessDecisions: [...state.accessDecisions, { courseId, decision, basis, evidenceRef, decidedOn }],
      };
    }
    case 'PathwayConferred': {
      const { learnerId, conferredBy: _by, ...conferment } = event.data;
      const entries = { ...state.entries };
      for (const id of conferment.creditIds)
        if (entries[id]) entries[id] = { ...entries[id], usedBy: conferment.pathwayId };
      return {
        ...state,
        learnerId,
        entries,
        conferments: { ...state.conferments, [conferment.pathwayId]: conferment },
      };
    }
  }
};
