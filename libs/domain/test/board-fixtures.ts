/** A standing micro-board for the data courses, and builders for its commands and events. */
import type { BoardCommand, BoardEvent, BoardMember, CaseDecision, ConstituteBoard, Outcome } from '#domain';
import { COURSE_ID, ENROLMENT_ID, LEARNER_ID } from './fixtures.js';
import { NOW } from './given-when-then.js';
import { ASSESSED_VERSION, BOARD_ID, CASE_ID } from './moderation-fixtures.js';

export const CHAIR = 'staff-chair-okoye';
export const INTERNAL = 'staff-internal-lee';
export const EXTERNAL = 'ext-examiner-brandt';
export const OUTSIDER = 'staff-someone-else';

export const MEMBERS: BoardMember[] = [
  { memberId: CHAIR, name: 'Prof. Ngozi Okoye', role: 'chair' },
  { memberId: INTERNAL, name: 'Dr Min-jun Lee', role: 'internal' },
  { memberId: EXTERNAL, name: 'Dr Anke Brandt', role: 'external' },
];

const nowIso = new Date(NOW).toISOString();

/** 0.6 × 72 + 0.4 × 68 = 70.4: a Distinction. */
export const DISTINCTION: Outcome = {
  result: 'pass',
  weightedMark: 70,
  grade: 'Distinction',
  components: [
    { componentId: 'essay', attempt: 1, mark: 72, passed: true },
    { componentId: 'exam', attempt: 1, mark: 68, passed: true },
  ],
  referredComponents: [],
  note: null,
};

export const constituteBoard = (overrides: Partial<ConstituteBoard['data']> = {}): BoardCommand => ({
  type: 'ConstituteBoard',
  data: {
    boardId: BOARD_ID,
    name: 'Data Science Micro-credentials Board',
    courseIds: [COURSE_ID, 'crs-ml-ops'],
    members: MEMBERS,
    ...overrides,
  },
});

export const boardConstituted = (
  overrides: Partial<Extract<BoardEvent, { type: 'BoardConstituted' }>['data']> = {},
): BoardEvent => ({
  type: 'BoardConstituted',
  data: {
    boardId: BOARD_ID,
    name: 'Data Science Micro-credentials Board',
    courseIds: [COURSE_ID, 'crs-ml-ops'],
    members: MEMBERS,
    delegatedAuthority: true,
    boundaryMargin: 3,
    constitutedAt: nowIso,
    ...overrides,
  },
});

export const openCase = (
  concerns: string[] = [],
  overrides: Partial<Extract<BoardCommand, { type: 'OpenCase' }>['data']> = {},
): BoardCommand => ({
  type: 'OpenCase',
  data: {
    caseId: CASE_ID,
    enrolmentId: ENROLMENT_ID,
    learnerId: LEARNER_ID,
    courseId: COURSE_ID,
    outcome: DISTINCTION,
    outcomeVersion: ASSESSED_VERSION,
    concerns,
    ...overrides,
  },
});

export const caseOpened = (concerns: string[] = [], openedAt = nowIso): BoardEvent => ({
  type: 'CaseOpened',
  data: {
    boardId: BOARD_ID,
    caseId: CASE_ID,
    enrolmentId: ENROLMENT_ID,
    learnerId: LEARNER_ID,
    courseId: COURSE_ID,
    outcome: DISTINCTION,
    outcomeVersion: ASSESSED_VERSION,
    concerns,
    openedAt,
  },
});

export const voteOn = (
  memberId: string,
  decision: CaseDecision,
  rationale = `${decision}: marks and concerns reviewed`,
  mark?: number,
): BoardCommand => ({
  type: 'VoteOnCase',
  data: { caseId: CASE_ID, memberId, decision, rationale, ...(mark === undefined ? {} : { mark }) },
});

export const voteRecorded = (
  memberId: string,
  decision: CaseDecision,
  rationale = `${decision}: marks and concerns reviewed`,
  mark: number | null = null,
  votedAt = nowIso,
): BoardEvent => ({
  type: 'CaseVoteRecorded',
  data: { boardId: BOARD_ID, caseId: CASE_ID, memberId, decision, rationale, mark, votedAt },
});

export const caseDecided = (
  decision: CaseDecision,
  decidedBy: string[],
  {
    rationale = `${decision}: marks and concerns reviewed`,
    mark = null as number | null,
    delegated = false,
    decidedAt = nowIso,
  } = {},
): BoardEvent => ({
  type: 'CaseDecided',
  data: {
    boardId: BOARD_ID,
    caseId: CASE_ID,
    enrolmentId: ENROLMENT_ID,
    outcomeVersion: ASSESSED_VERSION,
    decision,
    rationale,
    mark,
    decidedBy,
    delegated,
    decidedAt,
  },
});

export const NEWER_CASE_ID = 'case-0002';

export const supersedeCase = (reason = 'the mark of exam was amended from 68 to 58'): BoardCommand => ({
  type: 'SupersedeCase',
  data: { caseId: CASE_ID, supersededBy: NEWER_CASE_ID, reason },
});

export const caseSuperseded = (
  decision: CaseDecision | null = null,
  reason = 'the mark of exam was amended from 68 to 58',
): BoardEvent => ({
  type: 'CaseSuperseded',
  data: {
    boardId: BOARD_ID,
    caseId: CASE_ID,
    enrolmentId: ENROLMENT_ID,
    supersededBy: NEWER_CASE_ID,
    reason,
    decision,
    supersededAt: nowIso,
  },
});
