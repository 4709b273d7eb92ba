import type { AppealUpheld } from '../appeal/appeal.events.js';
import type { RevokeAward } from '../award/award.events.js';
import type { BoardConstituted, CaseDecided, SupersedeCase } from '../board/board.events.js';
import type { EnrolmentStarted, MarkRecorded, OutcomeCalculated } from '../enrolment/enrolment.events.js';
import type {
  ClassifyMark,
  ConfirmOutcome,
  IntegrityFlagRaised,
  MarkAmended,
  MarkModerated,
  MitigatingCircumstancesClaimed,
  OutcomeConfirmed,
  OutcomeReopenedOnAppeal,
  ReopenOnAppeal,
} from '../enrolment/moderation.events.js';

/** The events the micro-board reacts to, each with its version on its own stream. */
export type MicroBoardEvent = (
  | BoardConstituted
  | EnrolmentStarted
  | MarkRecorded
  | MarkAmended
  | MarkModerated
  | MitigatingCircumstancesClaimed
  | IntegrityFlagRaised
  | OutcomeCalculated
  | CaseDecided
  | OutcomeConfirmed
  | AppealUpheld
  | OutcomeReopenedOnAppeal
) & { streamVersion: number };

export const MICRO_BOARD_EVENT_TYPES: readonly string[] = [
  'BoardConstituted',
  'EnrolmentStarted',
  'MarkRecorded',
  'MarkAmended',
  'MarkModerated',
  'MitigatingCircumstancesClaimed',
  'IntegrityFlagRaised',
  'OutcomeCalculated',
  'CaseDecided',
  'OutcomeConfirmed',
  'AppealUpheld',
  'OutcomeReopenedOnAppeal',
] satisfies MicroBoardEvent['type'][];

const EVENT_TYPES: ReadonlySet<string> = new Set(MICRO_BOARD_EVENT_TYPES);

export const isMicroBoardEvent = <E extends { type: string; data: unknown; streamVersion: number }>(
  event: E,
): event is E & MicroBoardEvent => EVENT_TYPES.has(event.type);

/** The enrolment refused a confirmation the board decided: the enrolment changed since the case opened. */
export type ConfirmationRefused = {
  type: 'ConfirmationRefused';
  data: { enrolmentId: string; caseId: string; reason: string };
};

export type MicroBoardInput = MicroBoardEvent | ConfirmationRefused;

/** The result an award shows: an upheld appeal that changes it revokes and reissues the award. */
export interface AwardedResult {
  weightedMark: number;
  grade: OutcomeConfirmed['data']['grade'];
}

/** Commands the micro-board sends, each addressed to the stream it is for. */
export type MicroBoardOutput =
  /** Sample or release a mark (enrolment stream); `countsAsOther` adds it to the marker's count. */
  | {
      type: 'ClassifyMark';
      data: { enrolmentId: string; markerId: string; countsAsOther: boolean; command: ClassifyMark };
    }
  /** Open a case on the board's case stream for the enrolment as it stood at `atVersion`. */
  | { type: 'OpenCase'; data: { enrolmentId: string; boardId: string; caseId: string; atVersion: number } }
  | { type: 'SupersedeCase'; data: { enrolmentId: string; boardId: string; command: SupersedeCase } }
  | { type: 'ConfirmOutcome'; data: { enrolmentId: string; command: ConfirmOutcome } }
  /** Issue the award for a confirmed pass, from the enrolment, its course and learner. */
  | { type: 'IssueAward'; data: { enrolmentId: string; awardId: string; result: AwardedResult } }
  /** An upheld appeal changed the result the award in force shows: revoke it (its reissue follows). */
  | { type: 'RevokeAward'; data: { enrolmentId: string; awardId: string; command: RevokeAward } }
  /** Set the decision an appeal upheld aside on the enrolment. */
  | { type: 'ReopenOnAppeal'; data: { enrolmentId: string; command: ReopenOnAppeal } }
  /** Nothing to send: no standing board covers the course, so the outcome waits unconfirmed. */
  | { type: 'NoStandingBoard'; data: { enrolmentId: string; courseId: string } };
