import type { AppealUpheld } from '../appeal/appeal.events.js';
import type { CaseDecided } from '../board/board.events.js';
import type { OutcomeConfirmed } from '../enrolment/moderation.events.js';
import type { MarkRecorded } from '../enrolment/enrolment.events.js';
import type { MarkAmended } from '../enrolment/moderation.events.js';
import { boundariesFor, classifyMark, DEFAULT_SAMPLING, type SamplingPolicy } from '../enrolment/sampling.js';
import type { Workflow } from '../shared/workflow.js';
import type { AwardedResult, MicroBoardEvent, MicroBoardInput, MicroBoardOutput } from './micro-board.messages.js';
import {
  evolveMicroBoard,
  initialMicroBoardState,
  type EnrolmentTrack,
  type MicroBoardState,
} from './micro-board.state.js';

/** Deterministic ids, so a replayed reaction lands on the same streams (the shell derives them). */
export interface MicroBoardIds {
  /** The id of the enrolment's `number`th case (1, 2, ...). */
  caseId(enrolmentId: string, number: number): string;
  /** The id of the enrolment's `number`th award (1, 2, ...: an upheld appeal that changes the result reissues it). */
  awardId(enrolmentId: string, number: number): string;
}

export interface MicroBoardOptions {
  ids: MicroBoardIds;
  sampling?: SamplingPolicy;
}

export type MicroBoardWorkflow = Workflow<MicroBoardInput, MicroBoardOutput, MicroBoardState>;

type Change = Extract<
  MicroBoardEvent,
  {
    type:
      | 'MarkAmended'
      | 'MarkModerated'
      | 'MitigatingCircumstancesClaimed'
      | 'IntegrityFlagRaised'
      | 'OutcomeCalculated'
      | 'OutcomeReopenedOnAppeal';
  }
>;

/** Why a change to the enrolment supersedes its case, for the minutes. */
const describe = (change: Change): string => {
  switch (change.type) {
    case 'MarkAmended':
      return `the mark of ${change.data.componentId} was amended from ${change.data.previousMark} to ${change.data.mark}: ${change.data.reason}`;
    case 'MarkModerated':
      return `the mark of ${change.data.componentId} was moderated (${change.data.decision})`;
    case 'MitigatingCircumstancesClaimed':
      return 'mitigating circumstances were claimed';
    case 'IntegrityFlagRaised':
      return 'an academic integrity flag was raised';
    case 'OutcomeCalculated':
      return `the outcome was recalculated (${change.data.result}, weighted mark ${change.data.weightedMark})`;
    case 'OutcomeReopenedOnAppeal':
      return `appeal ${change.data.appealId} reopened the decision of case ${change.data.caseId}`;
  }
};

const sameResult = (a: AwardedResult, b: AwardedResult): boolean =>
  a.weightedMark === b.weightedMark && a.grade === b.grade;
const shown = (r: AwardedResult): string => `${r.grade ?? 'Pass'} (${r.weightedMark})`;

/** Whether the enrolment, as it stands after `change`, has a pass or fail for a board to decide. */
const opensCase = (change: Change, track: EnrolmentTrack): boolean => {
  if (change.type === 'OutcomeCalculated') return change.data.result !== 'referral';
  // Reopened as it stands; a re-moderation opens its case once the outcome is recalculated.
  if (change.type === 'OutcomeReopenedOnAppeal') return change.data.remedy === 'reopen-case';
  if (change.type === 'MitigatingCircumstancesClaimed' || change.type === 'IntegrityFlagRaised')
    return track.outcomeStands;
  return false;
};

/**
 * The continuous micro-board (design §2) as a pure workflow. In log order it:
 * - samples every recorded or amended mark, rolling and per marker;
 * - opens a case on the course's standing board for each calculated pass or fail;
 * - supersedes the enrolment's live case when anything the board decides on changes after it opened
 *   (a mark amended or moderated, mitigating circumstances, an integrity flag, a new outcome), and
 *   opens the next case for the current outcome when one stands;
 * - sends the board's decision to the enrolment with the outcome version the case showed; a refusal
 *   (the enrolment changed meanwhile) supersedes the decision;
 * - issues the award for a confirmed pass;
 * - sends an upheld appeal's remedy to the enrolment and, when the board's new decision changes the
 *   result the award in force shows, revokes that award with the reason and reissues it (or only
 *   revokes it, for a fail).
 */
export const microBoardWorkflow = ({ ids, sampling = DEFAULT_SAMPLING }: MicroBoardOptions): MicroBoardWorkflow => {
  const classify = (
    mark: MarkRecorded | MarkAmended,
    markerId: string | undefined,
    track: EnrolmentTrack,
    state: MicroBoardState,
  ): MicroBoardOutput[] => {
    const { enrolmentId, componentId, attempt } = mark.data;
    const passMark = track.passMarks[componentId];
    if (markerId === undefined || passMark === undefined) return [];
    const decision = classifyMark(
      {
        mark: mark.data.mark,
        componentPassMark: passMark,
        boundaries: boundariesFor(passMark),
        otherMarksSoFar: state.markers[markerId] ?? 0,
      },
      sampling,
    );
    return [
      {
        type: 'ClassifyMark',
        data: {
          enrolmentId,
          markerId,
          countsAsOther: decision.countsAsOther,
          command: {
            type: 'ClassifyMark',
            data: { componentId, attempt, sampled: decision.reason, mark: mark.data.mark },
          },
        },
      },
    ];
  };

  const supersede = (enrolmentId: string, track: EnrolmentTrack, reason: string): MicroBoardOutput[] => {
    const live = track.latestCase;
    if (live === null || (live.status !== 'open' && live.status !== 'decided')) return [];
    const supersededBy = ids.caseId(enrolmentId, track.cases + 1);
    return [
      {
        type: 'SupersedeCase',
        data: {
          enrolmentId,
          boardId: live.boardId,
          command: { type: 'SupersedeCase', data: { caseId: live.caseId, supersededBy, reason } },
        },
      },
    ];
  };

  const open = (enrolmentId: string, track: EnrolmentTrack, state: MicroBoardState, atVersion: number) => {
    const boardId = state.boards[track.courseId];
    const output: MicroBoardOutput = boardId
      ? {
          type: 'OpenCase',
          data: { enrolmentId, boardId, caseId: ids.caseId(enrolmentId, track.cases + 1), atVersion },
        }
      : { type: 'NoStandingBoard', data: { enrolmentId, courseId: track.courseId } };
    return [output];
  };

  const changed = (change: Change, track: EnrolmentTrack, state: MicroBoardState): MicroBoardOutput[] => {
    const { enrolmentId } = change.data;
    const reopening = opensCase(change, track) ? open(enrolmentId, track, state, change.streamVersion) : [];
    return [...supersede(enrolmentId, track, describe(change)), ...reopening];
  };

  const confirm = (decided: CaseDecided['data'], track: EnrolmentTrack): MicroBoardOutput[] => {
    const { enrolmentId, boardId, caseId, outcomeVersion, decision, delegated, rationale, mark } = decided;
    if (decision === 'defer' || track.latestCase?.caseId !== caseId || track.latestCase.status !== 'open') return [];
    return [
      {
        type: 'ConfirmOutcome',
        data: {
          enrolmentId,
          command: {
            type: 'ConfirmOutcome',
            data: {
              boardId,
              caseId,
              outcomeVersion,
              delegated,
              rationale,
              ...(decision === 'amend' && mark !== null ? { amendedMark: mark } : {}),
            },
          },
        },
      },
    ];
  };

  const reopen = (upheld: AppealUpheld['data']): MicroBoardOutput[] => {
    const { enrolmentId, appealId, caseId, remedy, componentId, rationale } = upheld;
    const reason = `appeal ${appealId} upheld: ${rationale}`;
    return [
      {
        type: 'ReopenOnAppeal',
        data: {
          enrolmentId,
          command: { type: 'ReopenOnAppeal', data: { appealId, caseId, remedy, componentId, reason } },
        },
      },
    ];
  };

  /**
   * The award for a confirmed pass. After an upheld appeal the award in force stands when the board's
   * new decision shows the same result; otherwise it is revoked with the reason, and reissued for a pass.
   */
  const award = (confirmed: OutcomeConfirmed['data'], track: EnrolmentTrack): MicroBoardOutput[] => {
    const { enrolmentId, result, weightedMark, grade } = confirmed;
    const awarded: AwardedResult = { weightedMark, grade };
    const inForce = track.award;
    const issue: MicroBoardOutput[] =
      result === 'pass'
        ? [
            {
              type: 'IssueAward',
              data: { enrolmentId, awardId: ids.awardId(enrolmentId, track.awards + 1), result: awarded },
            },
          ]
        : [];
    if (inForce === null) return issue;
    if (track.appealId === null || (result === 'pass' && sameResult(inForce.result, awarded))) return [];
    const reissued = issue.length > 0 ? `; reissued as award ${ids.awardId(enrolmentId, track.awards + 1)}` : '';
    const reason = `appeal ${track.appealId} upheld: the result changed from ${shown(inForce.result)} to ${result === 'pass' ? shown(awarded) : `a fail (${weightedMark})`}${reissued}`;
    const revoke: MicroBoardOutput = {
      type: 'RevokeAward',
      data: {
        enrolmentId,
        awardId: inForce.awardId,
        command: { type: 'RevokeAward', data: { reason, revokedBy: 'system:board-runner' } },
      },
    };
    return [revoke, ...issue];
  };

  const decide = (input: MicroBoardInput, state: MicroBoardState): MicroBoardOutput[] => {
    if (input.type === 'BoardConstituted' || input.type === 'EnrolmentStarted') return [];
    const track = state.enrolments[input.data.enrolmentId];
    if (!track) return [];
    switch (input.type) {
      case 'OutcomeConfirmed':
        return award(input.data, track);
      case 'AppealUpheld':
        return reopen(input.data);
      case 'MarkRecorded':
        return classify(input, input.data.markerId, track, state);
      case 'MarkAmended':
        return [
          ...classify(input, track.markers[input.data.componentId], track, state),
          ...changed(input, track, state),
        ];
      case 'CaseDecided':
        return confirm(input.data, track);
      case 'ConfirmationRefused':
        if (track.latestCase?.caseId !== input.data.caseId) return [];
        return supersede(input.data.enrolmentId, track, `the confirmation was refused: ${input.data.reason}`);
      default:
        return changed(input, track, state);
    }
  };

  return { initialState: initialMicroBoardState, evolve: evolveMicroBoard, decide };
};
