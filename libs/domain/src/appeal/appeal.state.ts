import type { AppealedDecision, AppealEvent, AppealGround, AppealRemedy } from './appeal.events.js';

export const APPEAL_STATUSES = ['lodged', 'acknowledged', 'under-review', 'not-upheld', 'upheld'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
/** Still with the registry: not yet decided. */
export const OPEN_APPEAL_STATUSES: readonly AppealStatus[] = ['lodged', 'acknowledged', 'under-review'];

export interface AppealOutcome {
  upheld: boolean;
  remedy: AppealRemedy | null;
  componentId: string | null;
  rationale: string;
  decidedBy: string;
  decidedAt: string;
}

export interface Appeal {
  status: AppealStatus;
  appealId: string;
  decision: AppealedDecision;
  grounds: AppealGround[];
  statement: string;
  lodgedAt: string;
  windowClosesOn: string;
  acknowledged: { by: string; at: string } | null;
  reviewerId: string | null;
  outcome: AppealOutcome | null;
}

export type AppealState = { status: 'none' } | Appeal;

export const initialAppealState: AppealState = { status: 'none' };

export const evolveAppeal = (state: AppealState, event: AppealEvent): AppealState => {
  if (event.type === 'AppealLodged') {
    const { appealId, decision, grounds, statement, lodgedAt, windowClosesOn } = event.data;
    return {
      status: 'lodged',
      appealId,
      decision,
      grounds,
      statement,
      lodgedAt,
      windowClosesOn,
      acknowledged: null,
      reviewerId: null,
      outcome: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'AppealAcknowledged':
      return {
        ...state,
        status: 'acknowledged',
        acknowledged: { by: event.data.acknowledgedBy, at: event.data.acknowledgedAt },
      };
    case 'AppealReviewStarted':
      return { ...state, status: 'under-review', reviewerId: event.data.reviewerId };
    case 'AppealNotUpheld': {
      const { rationale, decidedBy, decidedAt } = event.data;
      const outcome = { upheld: false, remedy: null, componentId: null, rationale, decidedBy, decidedAt };
      return { ...state, status: 'not-upheld', outcome };
    }
    case 'AppealUpheld': {
      const { remedy, componentId, rationale, decidedBy, decidedAt } = event.data;
      return {
        ...state,
        status: 'upheld',
        outcome: { upheld: true, remedy, componentId, rationale, decidedBy, decidedAt },
      };
    }
  }
};
