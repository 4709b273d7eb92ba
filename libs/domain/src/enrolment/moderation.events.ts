import type { DomainEvent } from '../shared/decider.js';

/**
 * Why a mark was sampled for moderation (design §2): every fail, every mark within the margin of
 * a pass or grade boundary, and every Nth of each marker's other marks (systematic).
 */
export type SamplingReason = 'fail' | 'near-boundary' | 'systematic';

/** Appended to the enrolment by the board runner, in global log order, for every recorded or amended mark. */
export type MarkSampledForModeration = DomainEvent<
  'MarkSampledForModeration',
  { enrolmentId: string; componentId: string; attempt: number; markerId: string; reason: SamplingReason }
>;
/** Not sampled: the mark is final as recorded. */
export type MarkReleased = DomainEvent<
  'MarkReleased',
  { enrolmentId: string; componentId: string; attempt: number; markerId: string }
>;
export type MarkModerated = DomainEvent<
  'MarkModerated',
  {
    enrolmentId: string;
    componentId: string;
    attempt: number;
    moderatorId: string;
    decision: 'agreed' | 'adjusted';
    originalMark: number;
    mark: number;
    reason: string;
    moderatedAt: string;
  }
>;
/** A tutor corrects a mark before the outcome is confirmed; the new mark is classified afresh. */
export type MarkAmended = DomainEvent<
  'MarkAmended',
  {
    enrolmentId: string;
    componentId: string;
    attempt: number;
    previousMark: number;
    mark: number;
    reason: string;
    amendedBy: string;
    amendedAt: string;
  }
>;
export type MitigatingCircumstancesClaimed = DomainEvent<
  'MitigatingCircumstancesClaimed',
  { enrolmentId: string; reason: string; claimedAt: string }
>;
export type IntegrityFlagRaised = DomainEvent<
  'IntegrityFlagRaised',
  { enrolmentId: string; reason: string; raisedBy: string; raisedAt: string }
>;
/** The board's confirmation of the outcome (delegated authority or a quorum), on the enrolment. */
export type OutcomeConfirmed = DomainEvent<
  'OutcomeConfirmed',
  {
    enrolmentId: string;
    learnerId: string;
    courseId: string;
    boardId: string;
    caseId: string;
    result: 'pass' | 'fail';
    weightedMark: number;
    grade: 'Distinction' | 'Merit' | 'Pass' | null;
    /** True when the board amended the calculated mark. */
    amended: boolean;
    delegated: boolean;
    rationale: string;
    confirmedAt: string;
  }
>;

export type ModerationEvent =
  | MarkSampledForModeration
  | MarkReleased
  | MarkModerated
  | MarkAmended
  | MitigatingCircumstancesClaimed
  | IntegrityFlagRaised
  | OutcomeConfirmed;

/** Commands on the enrolment added by moderation and boards. */
export type ClassifyMark = {
  type: 'ClassifyMark';
  data: {
    componentId: string;
    attempt: number;
    sampled: SamplingReason | null;
    /**
     * The mark the runner classified. When given and the attempt's mark has since been amended, the
     * classification is stale and ignored (a replayed MarkRecorded must not release an amended mark).
     */
    mark?: number;
  };
};
export type ModerateMark = {
  type: 'ModerateMark';
  data: { componentId: string; moderatorId: string; decision: 'agreed' | 'adjusted'; mark?: number; reason: string };
};
export type AmendMark = {
  type: 'AmendMark';
  data: { componentId: string; mark: number; reason: string; amendedBy: string };
};
export type ClaimMitigatingCircumstances = { type: 'ClaimMitigatingCircumstances'; data: { reason: string } };
export type RaiseIntegrityFlag = { type: 'RaiseIntegrityFlag'; data: { reason: string; raisedBy: string } };
export type ConfirmOutcome = {
  type: 'ConfirmOutcome';
  data: {
    boardId: string;
    caseId: string;
    delegated: boolean;
    rationale: string;
    /** A board's amended weighted mark; result and grade are recalculated from it. */
    amendedMark?: number;
  };
};

export type ModerationCommand =
  ClassifyMark | ModerateMark | AmendMark | ClaimMitigatingCircumstances | RaiseIntegrityFlag | ConfirmOutcome;
