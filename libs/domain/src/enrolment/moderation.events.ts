import type { AppealRemedy } from '../appeal/appeal.events.js';
import type { DomainEvent } from '../shared/decider.js';
import type { ModeratingBoard, ModeratorRole } from './moderator-eligibility.js';

/**
 * Why the board runner samples a mark for moderation (design §2): every fail, every mark within the
 * margin of a pass or grade boundary, and every Nth of each marker's other marks (systematic).
 */
export type RollingSamplingReason = 'fail' | 'near-boundary' | 'systematic';
/** Why a mark awaits a moderator: the runner's rolling sample, an amendment of a mark already in moderation, or an upheld appeal. */
export type SamplingReason = RollingSamplingReason | 'amended' | 'appeal';

/**
 * Appended to the enrolment by the board runner, in global log order, for every recorded or amended
 * mark; and with the amendment itself when a sampled or moderated mark is amended (reason `amended`,
 * `note` the amendment's reason), so an amendment can never release a mark past its moderator.
 */
export type MarkSampledForModeration = DomainEvent<
  'MarkSampledForModeration',
  {
    enrolmentId: string;
    componentId: string;
    attempt: number;
    markerId: string;
    reason: SamplingReason;
    note?: string;
  }
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
    /** The enrolment's outcome version the deciding case was opened for (see `Enrolment.outcomeVersion`). */
    outcomeVersion: number;
    /** True when the board amended the calculated mark. */
    amended: boolean;
    delegated: boolean;
    rationale: string;
    confirmedAt: string;
  }
>;

/**
 * An upheld appeal sets the confirmed decision aside: the case goes back to the board as it stands
 * (`reopen-case`), or one component's mark goes back to a moderator first (`re-moderate`, appended
 * with its MarkSampledForModeration).
 */
export type OutcomeReopenedOnAppeal = DomainEvent<
  'OutcomeReopenedOnAppeal',
  {
    enrolmentId: string;
    appealId: string;
    /** The case whose confirmed decision is set aside. */
    caseId: string;
    remedy: AppealRemedy;
    componentId: string | null;
    reason: string;
    reopenedAt: string;
  }
>;

export type ModerationEvent =
  | OutcomeReopenedOnAppeal
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
    sampled: RollingSamplingReason | null;
    /**
     * The mark the runner classified. When given and the attempt's mark has since been amended, the
     * classification is stale and ignored (a replayed MarkRecorded must not release an amended mark).
     */
    mark?: number;
  };
};
/** The shell loads the board covering the enrolment's course and says how the moderator signed in. */
export type ModerateMark = {
  type: 'ModerateMark';
  data: { componentId: string; moderatorId: string; decision: 'agreed' | 'adjusted'; mark?: number; reason: string };
  board: ModeratingBoard | null;
  moderatorRole: ModeratorRole;
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
    /**
     * The outcome the board decided: the enrolment's outcome version its case was opened for. The
     * enrolment refuses it once anything the board decides on has changed since.
     */
    outcomeVersion: number;
    delegated: boolean;
    rationale: string;
    /** A board's amended weighted mark; result and grade are recalculated from it. */
    amendedMark?: number;
  };
};

/** The board runner reopens the decision an appeal upheld. */
export type ReopenOnAppeal = {
  type: 'ReopenOnAppeal';
  data: { appealId: string; caseId: string; remedy: AppealRemedy; componentId: string | null; reason: string };
};

export type ModerationCommand =
  | ReopenOnAppeal
  | ClassifyMark
  | ModerateMark
  | AmendMark
  | ClaimMitigatingCircumstances
  | RaiseIntegrityFlag
  | ConfirmOutcome;
