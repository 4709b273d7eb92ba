import type { DomainEvent } from '../shared/decider.js';
import type { Outcome } from '../enrolment/grading.js';

export type BoardRole = 'chair' | 'internal' | 'external';
export interface BoardMember {
  memberId: string;
  name: string;
  role: BoardRole;
}

export type CaseDecision = 'confirm' | 'amend' | 'defer';

/** A standing board for a group of courses, with delegated authority for clean cases. */
export type BoardConstituted = DomainEvent<
  'BoardConstituted',
  {
    boardId: string;
    name: string;
    courseIds: string[];
    members: BoardMember[];
    delegatedAuthority: boolean;
    /** A case within this many marks of a pass or grade boundary is not clean (default 3). */
    boundaryMargin: number;
    constitutedAt: string;
  }
>;
/** A case: one learner's calculated outcome, with the reasons (if any) it is not clean. */
export type CaseOpened = DomainEvent<
  'CaseOpened',
  {
    boardId: string;
    caseId: string;
    enrolmentId: string;
    learnerId: string;
    courseId: string;
    outcome: Outcome;
    /** The enrolment's outcome version this case shows: a decision confirms that version or nothing. */
    outcomeVersion: number;
    /** Empty for a clean case; otherwise why it needs the board (e.g. "mitigating circumstances claimed"). */
    concerns: string[];
    openedAt: string;
  }
>;
export type CaseVoteRecorded = DomainEvent<
  'CaseVoteRecorded',
  {
    boardId: string;
    caseId: string;
    memberId: string;
    decision: CaseDecision;
    rationale: string;
    mark: number | null;
    votedAt: string;
  }
>;
/** The minutes: a decision under delegated authority or by a quorum (the chair and one other member). */
export type CaseDecided = DomainEvent<
  'CaseDecided',
  {
    boardId: string;
    caseId: string;
    enrolmentId: string;
    /** The outcome version the case was opened for: what the board decided on. */
    outcomeVersion: number;
    decision: CaseDecision;
    rationale: string;
    mark: number | null;
    decidedBy: string[];
    delegated: boolean;
    decidedAt: string;
  }
>;
/**
 * The minutes close a case whose enrolment changed after it opened (a mark amended, mitigating
 * circumstances, an integrity flag): the board never confirms an outcome it did not see. A decision
 * already taken on it is superseded with it (`decision`), and votes on it are refused.
 */
export type CaseSuperseded = DomainEvent<
  'CaseSuperseded',
  {
    boardId: string;
    caseId: string;
    enrolmentId: string;
    /** The enrolment's next case: it opens for the current outcome (now, or once there is one). */
    supersededBy: string;
    reason: string;
    /** The board's decision on the case, when it had decided before the change; null otherwise. */
    decision: CaseDecision | null;
    supersededAt: string;
  }
>;

export type BoardEvent = BoardConstituted | CaseOpened | CaseVoteRecorded | CaseDecided | CaseSuperseded;

export type ConstituteBoard = {
  type: 'ConstituteBoard';
  data: {
    boardId: string;
    name: string;
    courseIds: string[];
    members: BoardMember[];
    delegatedAuthority?: boolean;
    boundaryMargin?: number;
  };
};
export type OpenCase = {
  type: 'OpenCase';
  data: {
    caseId: string;
    enrolmentId: string;
    learnerId: string;
    courseId: string;
    outcome: Outcome;
    outcomeVersion: number;
    concerns: string[];
  };
};
export type VoteOnCase = {
  type: 'VoteOnCase';
  data: { caseId: string; memberId: string; decision: CaseDecision; rationale: string; mark?: number };
};

/** The board runner closes a case its enrolment has moved on from. */
export type SupersedeCase = {
  type: 'SupersedeCase';
  data: { caseId: string; supersededBy: string; reason: string };
};

export type BoardCommand = ConstituteBoard | OpenCase | VoteOnCase | SupersedeCase;
