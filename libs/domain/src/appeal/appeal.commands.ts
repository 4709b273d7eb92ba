import type { AppealedDecision, AppealGround, AppealRemedy } from './appeal.events.js';

/**
 * The shell loads the enrolment's confirmed decision (null when it has none) and says who is
 * lodging and how many days the registry's appeal window runs.
 */
export type LodgeAppeal = {
  type: 'LodgeAppeal';
  data: { appealId: string; grounds: AppealGround[]; statement: string };
  lodgedBy: string;
  decision: AppealedDecision | null;
  windowDays: number;
};
export type AcknowledgeAppeal = { type: 'AcknowledgeAppeal'; data: { acknowledgedBy: string } };
/** The shell loads the members of the board that took the decision under appeal. */
export type StartAppealReview = {
  type: 'StartAppealReview';
  data: { reviewerId: string };
  boardMemberIds: string[];
};
export type DecideAppeal = {
  type: 'DecideAppeal';
  data: {
    upheld: boolean;
    remedy?: AppealRemedy;
    componentId?: string;
    rationale: string;
  };
  decidedBy: string;
};

export type AppealCommand = LodgeAppeal | AcknowledgeAppeal | StartAppealReview | DecideAppeal;
