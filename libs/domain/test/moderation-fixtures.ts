/**
 * Builders for moderation and confirmation on the Data Ethics enrolment (see fixtures.ts): the
 * board runner's classification, moderators, amendments, concerns and the board's confirmation.
 */
import type {
  EnrolmentCommand,
  EnrolmentEvent,
  ModeratingBoard,
  OutcomeConfirmed,
  RollingSamplingReason,
  SamplingReason,
} from '#domain';
import { COURSE_ID, ENROLMENT_ID, LEARNER_ID, MARKER_ID, markRecorded } from './fixtures.js';
import { NOW } from './given-when-then.js';

export const MODERATOR_ID = 'examiner-pnair';
export const BOARD_ID = 'brd-data-science';
export const CASE_ID = 'case-0001';

/** The board covering the Data Ethics course, as the shell hands it to a moderation. */
export const MODERATING_BOARD: ModeratingBoard = {
  boardId: BOARD_ID,
  name: 'Data Science Board',
  members: [
    { memberId: 'prof-chair', name: 'Prof. Chair', role: 'chair' },
    { memberId: 'dr-internal', name: 'Dr Internal', role: 'internal' },
    { memberId: MODERATOR_ID, name: 'Dr P. Nair', role: 'external' },
  ],
};
/** The fixtures' moderator: an external examiner appointed to the covering board. */
export const BY_APPOINTED_EXAMINER = { board: MODERATING_BOARD, moderatorRole: 'examiner' } as const;

const nowIso = new Date(NOW).toISOString();

// -------------------------------------------------------------------------------------- commands

export const classify = (
  componentId: string,
  {
    attempt = 1,
    sampled = null,
    mark,
  }: { attempt?: number; sampled?: RollingSamplingReason | null; mark?: number } = {},
): EnrolmentCommand => ({
  type: 'ClassifyMark',
  data: { componentId, attempt, sampled, ...(mark === undefined ? {} : { mark }) },
});

export const agree = (componentId: string, reason = 'Marking is consistent with the rubric'): EnrolmentCommand => ({
  type: 'ModerateMark',
  data: { componentId, moderatorId: MODERATOR_ID, decision: 'agreed', reason },
  ...BY_APPOINTED_EXAMINER,
});

export const adjust = (
  componentId: string,
  mark: number | undefined,
  reason = 'Marked too harshly against criterion 3',
): EnrolmentCommand => ({
  type: 'ModerateMark',
  data: {
    componentId,
    moderatorId: MODERATOR_ID,
    decision: 'adjusted',
    reason,
    ...(mark === undefined ? {} : { mark }),
  },
  ...BY_APPOINTED_EXAMINER,
});

export const amendMark = (
  componentId: string,
  mark: number,
  reason = 'Transcription error',
  amendedBy = MARKER_ID,
): EnrolmentCommand => ({
  type: 'AmendMark',
  data: { componentId, mark, reason, amendedBy },
});

export const claimMitigation = (reason = 'Hospital admission during the examination week'): EnrolmentCommand => ({
  type: 'ClaimMitigatingCircumstances',
  data: { reason },
});

export const flagIntegrity = (reason = 'Similarity report 62%', raisedBy = MARKER_ID): EnrolmentCommand => ({
  type: 'RaiseIntegrityFlag',
  data: { reason, raisedBy },
});

/**
 * The outcome version of the `assessed` histories in the specs: started, two submissions, two
 * released marks, the calculated outcome (the 8th event).
 */
export const ASSESSED_VERSION = 8;

export const confirm = (
  overrides: Partial<Extract<EnrolmentCommand, { type: 'ConfirmOutcome' }>['data']> = {},
): EnrolmentCommand => ({
  type: 'ConfirmOutcome',
  data: {
    boardId: BOARD_ID,
    caseId: CASE_ID,
    outcomeVersion: ASSESSED_VERSION,
    delegated: true,
    rationale: 'Clean case confirmed under delegated authority',
    ...overrides,
  },
});

// ---------------------------------------------------------------------------------------- events

export const markReleased = (componentId: string, attempt = 1): EnrolmentEvent => ({
  type: 'MarkReleased',
  data: { enrolmentId: ENROLMENT_ID, componentId, attempt, markerId: MARKER_ID },
});

/** A mark recorded and released unsampled: final as recorded. */
export const finalMark = (componentId: string, value: number, attempt = 1, markedAt = nowIso): EnrolmentEvent[] => [
  markRecorded(componentId, value, attempt, markedAt),
  markReleased(componentId, attempt),
];

export const markSampled = (
  componentId: string,
  reason: SamplingReason,
  attempt = 1,
  note?: string,
): EnrolmentEvent => ({
  type: 'MarkSampledForModeration',
  data: {
    enrolmentId: ENROLMENT_ID,
    componentId,
    attempt,
    markerId: MARKER_ID,
    reason,
    ...(note === undefined ? {} : { note }),
  },
});

export const markModerated = (
  componentId: string,
  originalMark: number,
  mark: number,
  {
    attempt = 1,
    reason = 'Marking is consistent with the rubric',
    moderatedAt = nowIso,
    moderatorId = MODERATOR_ID,
  } = {},
): EnrolmentEvent => ({
  type: 'MarkModerated',
  data: {
    enrolmentId: ENROLMENT_ID,
    componentId,
    attempt,
    moderatorId,
    decision: mark === originalMark ? 'agreed' : 'adjusted',
    originalMark,
    mark,
    reason,
    moderatedAt,
  },
});

export const markAmended = (
  componentId: string,
  previousMark: number,
  mark: number,
  { attempt = 1, reason = 'Transcription error', amendedAt = nowIso } = {},
): EnrolmentEvent => ({
  type: 'MarkAmended',
  data: {
    enrolmentId: ENROLMENT_ID,
    componentId,
    attempt,
    previousMark,
    mark,
    reason,
    amendedBy: MARKER_ID,
    amendedAt,
  },
});

export const mitigationClaimed = (reason = 'Hospital admission during the examination week'): EnrolmentEvent => ({
  type: 'MitigatingCircumstancesClaimed',
  data: { enrolmentId: ENROLMENT_ID, reason, claimedAt: nowIso },
});

export const integrityFlagRaised = (reason = 'Similarity report 62%'): EnrolmentEvent => ({
  type: 'IntegrityFlagRaised',
  data: { enrolmentId: ENROLMENT_ID, reason, raisedBy: MARKER_ID, raisedAt: nowIso },
});

export const outcomeConfirmed = (overrides: Partial<OutcomeConfirmed['data']> = {}): EnrolmentEvent => ({
  type: 'OutcomeConfirmed',
  data: {
    enrolmentId: ENROLMENT_ID,
    learnerId: LEARNER_ID,
    courseId: COURSE_ID,
    boardId: BOARD_ID,
    caseId: CASE_ID,
    outcomeVersion: ASSESSED_VERSION,
    result: 'pass',
    weightedMark: 70,
    grade: 'Distinction',
    amended: false,
    delegated: true,
    rationale: 'Clean case confirmed under delegated authority',
    confirmedAt: nowIso,
    ...overrides,
  },
});
