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
  | { type: 'IssueAward'; data: { enrolmentId: string; awardId: string } }
  /** Nothing to send: no standing board covers the course, so the outcome waits unconfirmed. */
  | { type: 'NoStandingBoard'; data: { enrolmentId: string; courseId: string } };
