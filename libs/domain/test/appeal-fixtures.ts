/** Builders for an appeal against the board's confirmed pass of the Data Ethics enrolment (see fixtures.ts). */
import type { AppealCommand, AppealedDecision, AppealEvent, AppealGround, DecideAppeal } from '#domain';
import { COURSE_ID, ENROLMENT_ID, LEARNER_ID } from './fixtures.js';
import { NOW } from './given-when-then.js';
import { BOARD_ID, CASE_ID, MODERATING_BOARD } from './moderation-fixtures.js';

export const APPEAL_ID = 'apl-0001';
export const REVIEWER_ID = 'appeals-officer-1';
export const BOARD_MEMBER_IDS = MODERATING_BOARD.members.map((m) => m.memberId);
const nowIso = new Date(NOW).toISOString();

/** Confirmed a week before NOW: a Merit of 64. */
export const appealedDecision = (overrides: Partial<AppealedDecision> = {}): AppealedDecision => ({
  enrolmentId: ENROLMENT_ID,
  learnerId: LEARNER_ID,
  courseId: COURSE_ID,
  boardId: BOARD_ID,
  caseId: CASE_ID,
  result: 'pass',
  weightedMark: 64,
  grade: 'Merit',
  confirmedAt: '2026-02-22T09:00:00.000Z',
  componentIds: ['essay', 'exam'],
  ...overrides,
});

export const lodge = (
  overrides: {
    grounds?: AppealGround[];
    statement?: string;
    lodgedBy?: string;
    decision?: AppealedDecision | null;
  } = {},
): AppealCommand => ({
  type: 'LodgeAppeal',
  data: {
    appealId: APPEAL_ID,
    grounds: overrides.grounds ?? ['procedural-irregularity'],
    statement: overrides.statement ?? 'My exam was marked against the previous year’s rubric.',
  },
  lodgedBy: overrides.lodgedBy ?? LEARNER_ID,
  decision: overrides.decision === undefined ? appealedDecision() : overrides.decision,
  windowDays: 28,
});
export const acknowledge = (acknowledgedBy = 'registry-1'): AppealCommand => ({
  type: 'AcknowledgeAppeal',
  data: { acknowledgedBy },
});
export const startReview = (reviewerId = REVIEWER_ID): AppealCommand => ({
  type: 'StartAppealReview',
  data: { reviewerId },
  boardMemberIds: BOARD_MEMBER_IDS,
});
export const decideAppeal = (data: DecideAppeal['data'], decidedBy = REVIEWER_ID): AppealCommand => ({
  type: 'DecideAppeal',
  data,
  decidedBy,
});

export const appealLodged = (lodgedAt = nowIso): AppealEvent => ({
  type: 'AppealLodged',
  data: {
    appealId: APPEAL_ID,
    decision: appealedDecision(),
    grounds: ['procedural-irregularity'],
    statement: 'My exam was marked against the previous year’s rubric.',
    lodgedAt,
    windowClosesOn: '2026-03-22',
  },
});
export const appealAcknowledged = (): AppealEvent => ({
  type: 'AppealAcknowledged',
  data: { appealId: APPEAL_ID, learnerId: LEARNER_ID, acknowledgedBy: 'registry-1', acknowledgedAt: nowIso },
});
export const appealReviewStarted = (): AppealEvent => ({
  type: 'AppealReviewStarted',
  data: { appealId: APPEAL_ID, learnerId: LEARNER_ID, reviewerId: REVIEWER_ID, startedAt: nowIso },
});
export const appealUpheld = (
  remedy: 'reopen-case' | 're-moderate' = 'reopen-case',
  componentId: string | null = null,
): AppealEvent => ({
  type: 'AppealUpheld',
  data: {
    appealId: APPEAL_ID,
    learnerId: LEARNER_ID,
    enrolmentId: ENROLMENT_ID,
    caseId: CASE_ID,
    remedy,
    componentId,
    rationale: 'The wrong rubric was applied.',
    decidedBy: REVIEWER_ID,
    decidedAt: nowIso,
  },
});
