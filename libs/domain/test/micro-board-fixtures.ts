/** The micro-board workflow with readable ids, and its inputs and outputs for the Data Ethics enrolment. */
import {
  isMicroBoardEvent,
  microBoardWorkflow,
  type DomainEvent,
  type MicroBoardEvent,
  type MicroBoardOutput,
  type RollingSamplingReason,
} from '#domain';
import { COURSE_ID, ENROLMENT_ID, MARKER_ID } from './fixtures.js';
import { BOARD_ID, CASE_ID } from './moderation-fixtures.js';

/** Case n of the enrolment is `case-000n`: case 1 is CASE_ID, case 2 NEWER_CASE_ID; award n is `award-<enrolment>-n`. */
export const workflow = microBoardWorkflow({
  ids: { caseId: (_enrolmentId, n) => `case-000${n}`, awardId: (enrolmentId, n) => `award-${enrolmentId}-${n}` },
});

/** An event as the workflow receives it: with its version on its stream. */
export const v = (streamVersion: number, event: DomainEvent): MicroBoardEvent => {
  const input = { ...event, streamVersion };
  if (!isMicroBoardEvent(input)) throw new Error(`the micro-board does not react to ${event.type}`);
  return input;
};

export const classified = (
  componentId: string,
  mark: number,
  sampled: RollingSamplingReason | null,
  { attempt = 1, markerId = MARKER_ID } = {},
): MicroBoardOutput => ({
  type: 'ClassifyMark',
  data: {
    enrolmentId: ENROLMENT_ID,
    markerId,
    countsAsOther: sampled === null || sampled === 'systematic',
    command: { type: 'ClassifyMark', data: { componentId, attempt, sampled, mark } },
  },
});

export const caseToBeOpened = (atVersion: number, caseId = CASE_ID): MicroBoardOutput => ({
  type: 'OpenCase',
  data: { enrolmentId: ENROLMENT_ID, boardId: BOARD_ID, caseId, atVersion },
});

export const caseToBeSuperseded = (reason: string, supersededBy: string, caseId = CASE_ID): MicroBoardOutput => ({
  type: 'SupersedeCase',
  data: {
    enrolmentId: ENROLMENT_ID,
    boardId: BOARD_ID,
    command: { type: 'SupersedeCase', data: { caseId, supersededBy, reason } },
  },
});

export const noStandingBoard: MicroBoardOutput = {
  type: 'NoStandingBoard',
  data: { enrolmentId: ENROLMENT_ID, courseId: COURSE_ID },
};
