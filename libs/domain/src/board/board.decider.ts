import type { Clock } from '../shared/clock.js';
import type { Decider } from '../shared/decider.js';
import { Forbidden, NotFound, StateConflict, Violations } from '../shared/errors.js';
import { isMark, MARK_RULE } from '../shared/marks.js';
import { isNonBlank, isText, TEXT_RULE } from '../shared/text.js';
import type {
  BoardCommand,
  BoardEvent,
  BoardRole,
  CaseDecision,
  CaseDecided,
  ConstituteBoard,
  OpenCase,
  SupersedeCase,
  VoteOnCase,
} from './board.events.js';
import { evolveBoard, initialBoardState, type Board, type BoardState, type Vote } from './board.state.js';
import { quorumWith } from './quorum.js';

export const DEFAULT_BOUNDARY_MARGIN = 3;
/** A board covers a group of courses and sits with a handful of members: far larger lists are mistakes or attacks. */
export const MAX_BOARD_COURSES = 100;
export const MAX_BOARD_MEMBERS = 25;
export const BOARD_COURSES_RULE = `must list at most ${MAX_BOARD_COURSES} courses`;
export const BOARD_MEMBERS_RULE = `must list at most ${MAX_BOARD_MEMBERS} members`;
export const MAX_BOUNDARY_MARGIN = 10;
const ROLES: readonly BoardRole[] = ['chair', 'internal', 'external'];
const DECISIONS: readonly CaseDecision[] = ['confirm', 'amend', 'defer'];

/** The minutes for a clean case, confirmed without a meeting (design §2, QAA 2022 §7.3). */
export const DELEGATED_RATIONALE = 'Clean case confirmed under delegated authority';
export const DELEGATED_AUTHORITY = 'delegated-authority';

const requireBoard = (state: BoardState): Board => {
  if (state.status === 'none') throw new NotFound('board not found');
  return state;
};

const constitute = ({ data }: ConstituteBoard, state: BoardState, clock: Clock): BoardEvent[] => {
  const members = Array.isArray(data.members) ? data.members : [];
  const courseIds = Array.isArray(data.courseIds) ? data.courseIds : [];
  const boundaryMargin = data.boundaryMargin ?? DEFAULT_BOUNDARY_MARGIN;
  const delegatedAuthority = data.delegatedAuthority ?? true;
  const chairs = members.filter((m) => m.role === 'chair').length;
  const violations = new Violations()
    .check(isNonBlank(data.boardId), 'boardId', 'must be 1-200 characters')
    .check(isNonBlank(data.name), 'name', 'must be 1-200 characters')
    .check(courseIds.length > 0, 'courseIds', 'must list at least one course')
    .check(courseIds.length <= MAX_BOARD_COURSES, 'courseIds', BOARD_COURSES_RULE)
    .check(members.length <= MAX_BOARD_MEMBERS, 'members', BOARD_MEMBERS_RULE)
    .check(chairs === 1, 'members', `must include exactly one chair (found ${chairs})`)
    .check(members.length - chairs >= 1, 'members', 'must include at least one member besides the chair')
    .check(
      Number.isInteger(boundaryMargin) && boundaryMargin >= 0 && boundaryMargin <= MAX_BOUNDARY_MARGIN,
      'boundaryMargin',
      `must be a whole number from 0 to ${MAX_BOUNDARY_MARGIN}`,
    )
    .check(typeof delegatedAuthority === 'boolean', 'delegatedAuthority', 'must be true or false');
  // Each entry is checked only within the limits (the uniqueness checks are quadratic).
  if (courseIds.length > MAX_BOARD_COURSES || members.length > MAX_BOARD_MEMBERS) violations.throwIfAny();
  courseIds.forEach((id, i) => {
    violations
      .check(isNonBlank(id), `courseIds[${i}]`, 'must be 1-200 characters')
      .check(courseIds.indexOf(id) === i, `courseIds[${i}]`, 'must be unique');
  });
  members.forEach((m, i) => {
    violations
      .check(isNonBlank(m.memberId), `members[${i}].memberId`, 'must be 1-200 characters')
      .check(
        members.findIndex((other) => other.memberId === m.memberId) === i,
        `members[${i}].memberId`,
        'must be unique on the board',
      )
      .check(isNonBlank(m.name), `members[${i}].name`, 'must be 1-200 characters')
      .check(ROLES.includes(m.role), `members[${i}].role`, `must be one of ${ROLES.join(', ')}`);
  });
  violations.throwIfAny();
  if (state.status !== 'none') throw new StateConflict(`board ${data.boardId} is already constituted`);
  return [
    {
      type: 'BoardConstituted',
      data: {
        boardId: data.boardId,
        name: data.name.trim(),
        courseIds,
        members: members.map((m) => ({ memberId: m.memberId, name: m.name.trim(), role: m.role })),
        delegatedAuthority,
        boundaryMargin,
        constitutedAt: clock.now().toISOString(),
      },
    },
  ];
};

/**
 * Opens a case for a calculated outcome. The caller (the board runner) lists its concerns; a case
 * with none is clean and, when the board has delegated authority, is confirmed at once.
 */
const openCase = ({ data }: OpenCase, state: BoardState, clock: Clock): BoardEvent[] => {
  const board = requireBoard(state);
  const concerns = Array.isArray(data.concerns) ? data.concerns : [];
  const violations = new Violations()
    .check(isNonBlank(data.caseId), 'caseId', 'must be 1-200 characters')
    .check(isNonBlank(data.enrolmentId), 'enrolmentId', 'must be 1-200 characters')
    .check(isNonBlank(data.learnerId), 'learnerId', 'must be 1-200 characters')
    .check(isNonBlank(data.courseId), 'courseId', 'must be 1-200 characters')
    .check(
      data.outcome?.result === 'pass' || data.outcome?.result === 'fail',
      'outcome.result',
      'must be pass or fail: a referral is not yet an outcome for the board',
    )
    .check(
      Number.isInteger(data.outcomeVersion) && data.outcomeVersion >= 1,
      'outcomeVersion',
      'must be a whole number from 1',
    )
    .check(Array.isArray(data.concerns), 'concerns', 'must be a list (empty for a clean case)');
  concerns.forEach((concern, i) => violations.check(isText(concern), `concerns[${i}]`, TEXT_RULE));
  violations.throwIfAny();
  // The runner may replay the outcome that opened the case.
  if (board.cases[data.caseId]) return [];
  if (!board.courseIds.includes(data.courseId))
    throw new StateConflict(`course ${data.courseId} is not one of this board's courses`);

  const openedAt = clock.now().toISOString();
  const opened: BoardEvent = {
    type: 'CaseOpened',
    data: {
      boardId: board.boardId,
      caseId: data.caseId,
      enrolmentId: data.enrolmentId,
      learnerId: data.learnerId,
      courseId: data.courseId,
      outcome: data.outcome,
      outcomeVersion: data.outcomeVersion,
      concerns: concerns.map((c) => c.trim()),
      openedAt,
    },
  };
  if (concerns.length > 0 || !board.delegatedAuthority) return [opened];
  const decided: CaseDecided = {
    type: 'CaseDecided',
    data: {
      boardId: board.boardId,
      caseId: data.caseId,
      enrolmentId: data.enrolmentId,
      outcomeVersion: data.outcomeVersion,
      decision: 'confirm',
      rationale: DELEGATED_RATIONALE,
      mark: null,
      decidedBy: [DELEGATED_AUTHORITY],
      delegated: true,
      decidedAt: openedAt,
    },
  };
  return [opened, decided];
};

/** A member's vote; the vote that completes a quorum also records the board's decision. */
const vote = ({ data }: VoteOnCase, state: BoardState, clock: Clock): BoardEvent[] => {
  const board = requireBoard(state);
  const amending = data.decision === 'amend';
  new Violations()
    .check(isNonBlank(data.caseId), 'caseId', 'must be 1-200 characters')
    .check(isNonBlank(data.memberId), 'memberId', 'must be 1-200 characters')
    .check(DECISIONS.includes(data.decision), 'decision', `must be one of ${DECISIONS.join(', ')}`)
    .check(isNonBlank(data.rationale, 2000), 'rationale', 'must be 1-2000 characters')
    .check(!amending || isMark(data.mark), 'mark', `is required to amend and ${MARK_RULE}`)
    .check(amending || data.mark == null, 'mark', 'must be left out unless the decision is amend')
    .throwIfAny();
  const boardCase = board.cases[data.caseId];
  if (!boardCase) throw new NotFound(`case ${data.caseId} not found`);
  if (!board.members.some((m) => m.memberId === data.memberId))
    throw new Forbidden(
      `${data.memberId} is not a member of ${board.name}: a member decides only their own boards' cases`,
    );
  if (boardCase.supersession) {
    const { supersededBy, reason } = boardCase.supersession;
    throw new StateConflict(
      `case ${data.caseId} was superseded by case ${supersededBy} (${reason}): vote on case ${supersededBy}`,
    );
  }
  if (boardCase.status === 'decided') throw new StateConflict(`case ${data.caseId} is already decided`);

  const votedAt = clock.now().toISOString();
  const cast: Vote = {
    memberId: data.memberId,
    decision: data.decision,
    rationale: data.rationale.trim(),
    mark: amending ? data.mark! : null,
    votedAt,
  };
  const recorded: BoardEvent = {
    type: 'CaseVoteRecorded',
    data: { boardId: board.boardId, caseId: data.caseId, ...cast },
  };
  const round = [...boardCase.votes.filter((v) => v.memberId !== cast.memberId), cast];
  const decidedBy = quorumWith(cast, round, board.members);
  if (!decidedBy) return [recorded];
  return [
    recorded,
    {
      type: 'CaseDecided',
      data: {
        boardId: board.boardId,
        caseId: data.caseId,
        enrolmentId: boardCase.enrolmentId,
        outcomeVersion: boardCase.outcomeVersion,
        decision: cast.decision,
        rationale: cast.rationale,
        mark: cast.mark,
        decidedBy,
        delegated: false,
        decidedAt: votedAt,
      },
    },
  ];
};

/**
 * Closes a case its enrolment has moved on from. The runner may replay the change, or record a
 * refused confirmation after the change closed the case: superseding again, or a case never opened
 * (its opening was itself replaced), changes nothing.
 */
const supersede = ({ data }: SupersedeCase, state: BoardState, clock: Clock): BoardEvent[] => {
  const board = requireBoard(state);
  new Violations()
    .check(isNonBlank(data.caseId), 'caseId', 'must be 1-200 characters')
    .check(isNonBlank(data.supersededBy), 'supersededBy', 'must be 1-200 characters')
    .check(isText(data.reason), 'reason', TEXT_RULE)
    .throwIfAny();
  const boardCase = board.cases[data.caseId];
  if (!boardCase || boardCase.status === 'superseded') return [];
  return [
    {
      type: 'CaseSuperseded',
      data: {
        boardId: board.boardId,
        caseId: data.caseId,
        enrolmentId: boardCase.enrolmentId,
        supersededBy: data.supersededBy,
        reason: data.reason.trim(),
        decision: boardCase.decision?.decision ?? null,
        supersededAt: clock.now().toISOString(),
      },
    },
  ];
};

const decide = (command: BoardCommand, state: BoardState, clock: Clock): BoardEvent[] => {
  switch (command.type) {
    case 'ConstituteBoard':
      return constitute(command, state, clock);
    case 'OpenCase':
      return openCase(command, state, clock);
    case 'VoteOnCase':
      return vote(command, state, clock);
    case 'SupersedeCase':
      return supersede(command, state, clock);
  }
};

export const boardDecider: Decider<BoardCommand, BoardEvent, BoardState> = {
  initialState: initialBoardState,
  evolve: evolveBoard,
  decide,
};
