import type { AwardedResult, MicroBoardInput, MicroBoardOutput } from './micro-board.messages.js';

/** open: awaiting the board; decided: confirmed or amended, awaiting the enrolment's confirmation. */
export type TrackedCaseStatus = 'open' | 'decided' | 'superseded' | 'confirmed';

export interface TrackedCase {
  caseId: string;
  boardId: string;
  status: TrackedCaseStatus;
}

/** What the micro-board knows of one enrolment. */
export interface EnrolmentTrack {
  courseId: string;
  /** Each component's own pass mark, for sampling. */
  passMarks: Record<string, number>;
  /** The marker of each component's latest marked attempt (an amendment keeps the original marker). */
  markers: Record<string, string>;
  /** A pass or fail stands unconfirmed: a change to the enrolment re-opens a case for it. */
  outcomeStands: boolean;
  /** Cases numbered so far; the next case is number `cases + 1`. */
  cases: number;
  latestCase: TrackedCase | null;
  /** Awards issued for the enrolment so far (a reissue after an appeal is the next); the next is `awards + 1`. */
  awards: number;
  /** The award in force and the result it shows; null when none is (never issued, or revoked). */
  award: { awardId: string; result: AwardedResult } | null;
  /** An upheld appeal whose reopened decision the award waits for. */
  appealId: string | null;
}

/**
 * The micro-board's state, in documents the shell loads and saves by key: the standing board of
 * each course, each marker's count of "other" marks (rolling systematic sampling) and each enrolment.
 */
export interface MicroBoardState {
  boards: Record<string, string>;
  markers: Record<string, number>;
  enrolments: Record<string, EnrolmentTrack>;
}

export const initialMicroBoardState = (): MicroBoardState => ({ boards: {}, markers: {}, enrolments: {} });

const withTrack = (
  state: MicroBoardState,
  enrolmentId: string,
  change: (track: EnrolmentTrack) => EnrolmentTrack,
): MicroBoardState => {
  const track = state.enrolments[enrolmentId];
  return track ? { ...state, enrolments: { ...state.enrolments, [enrolmentId]: change(track) } } : state;
};

const withLatestCase = (track: EnrolmentTrack, caseId: string, status: TrackedCaseStatus): EnrolmentTrack =>
  track.latestCase?.caseId === caseId ? { ...track, latestCase: { ...track.latestCase, status } } : track;

export const evolveMicroBoard = (
  state: MicroBoardState,
  message: MicroBoardInput | MicroBoardOutput,
): MicroBoardState => {
  switch (message.type) {
    case 'BoardConstituted': {
      const { boardId, courseIds } = message.data;
      return { ...state, boards: { ...state.boards, ...Object.fromEntries(courseIds.map((id) => [id, boardId])) } };
    }
    case 'EnrolmentStarted': {
      const { enrolmentId, courseId, scheme } = message.data;
      const passMarks = Object.fromEntries(scheme.components.map((c) => [c.id, c.passMark]));
      const track: EnrolmentTrack = {
        courseId,
        passMarks,
        markers: {},
        outcomeStands: false,
        cases: 0,
        latestCase: null,
        awards: 0,
        award: null,
        appealId: null,
      };
      return { ...state, enrolments: { ...state.enrolments, [enrolmentId]: track } };
    }
    case 'MarkRecorded': {
      const { enrolmentId, componentId, markerId } = message.data;
      return withTrack(state, enrolmentId, (t) => ({ ...t, markers: { ...t.markers, [componentId]: markerId } }));
    }
    case 'MarkAmended':
      return withTrack(state, message.data.enrolmentId, (t) => ({ ...t, outcomeStands: false }));
    case 'OutcomeCalculated': {
      const stands = message.data.result !== 'referral';
      return withTrack(state, message.data.enrolmentId, (t) => ({ ...t, outcomeStands: stands }));
    }
    case 'CaseDecided':
      if (message.data.decision === 'defer') return state;
      return withTrack(state, message.data.enrolmentId, (t) => withLatestCase(t, message.data.caseId, 'decided'));
    case 'OutcomeConfirmed':
      return withTrack(state, message.data.enrolmentId, (t) => ({
        ...withLatestCase(t, message.data.caseId, 'confirmed'),
        outcomeStands: false,
        appealId: null,
      }));
    case 'AppealUpheld':
      return withTrack(state, message.data.enrolmentId, (t) => ({ ...t, appealId: message.data.appealId }));
    case 'OutcomeReopenedOnAppeal': {
      const stands = message.data.remedy === 'reopen-case';
      return withTrack(state, message.data.enrolmentId, (t) => ({ ...t, outcomeStands: stands }));
    }
    case 'IssueAward': {
      const { awardId, result } = message.data;
      return withTrack(state, message.data.enrolmentId, (t) => ({
        ...t,
        awards: t.awards + 1,
        award: { awardId, result },
      }));
    }
    case 'RevokeAward':
      return withTrack(state, message.data.enrolmentId, (t) => ({ ...t, award: null }));
    case 'ClassifyMark': {
      const { markerId, countsAsOther } = message.data;
      if (!countsAsOther) return state;
      return { ...state, markers: { ...state.markers, [markerId]: (state.markers[markerId] ?? 0) + 1 } };
    }
    case 'OpenCase': {
      const { enrolmentId, caseId, boardId } = message.data;
      return withTrack(state, enrolmentId, (t) => ({
        ...t,
        cases: t.cases + 1,
        latestCase: { caseId, boardId, status: 'open' },
      }));
    }
    case 'SupersedeCase':
      return withTrack(state, message.data.enrolmentId, (t) =>
        withLatestCase(t, message.data.command.data.caseId, 'superseded'),
      );
    case 'MarkModerated':
    case 'MitigatingCircumstancesClaimed':
    case 'IntegrityFlagRaised':
    case 'ConfirmationRefused':
    case 'ConfirmOutcome':
    case 'ReopenOnAppeal':
    case 'NoStandingBoard':
      return state;
  }
};
