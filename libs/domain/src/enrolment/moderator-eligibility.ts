import type { BoardMember } from '../board/board.events.js';
import { Forbidden } from '../shared/errors.js';

/*
 * Who may moderate a mark (QAA 2022 on external examining; design §2): a member of the standing
 * board that covers the course, or an external examiner appointed to that board (a member whose
 * board role is `external`), and never the person who marked the attempt. Nor does a learner ever
 * mark their own enrolment.
 */

/** The part of the covering board these rules read. */
export interface ModeratingBoard {
  boardId: string;
  name: string;
  members: readonly BoardMember[];
}

/** How the moderator signed in: as a board member, or as an external examiner. */
export type ModeratorRole = 'board' | 'examiner';

export const MODERATION_RULES = {
  noBoard: (courseId: string) =>
    `no board covers course ${courseId}: only its board's members and appointed external examiners moderate its marks`,
  notMember: (moderatorId: string, board: string) =>
    `${moderatorId} is not a member of ${board}, the board that covers this course: only its members moderate its marks`,
  notAppointed: (moderatorId: string, board: string) =>
    `${moderatorId} is not an external examiner appointed to ${board}, the board that covers this course`,
  ownMark: (moderatorId: string) => `${moderatorId} marked this attempt: the marker of an attempt never moderates it`,
  learnerMarks: 'the learner of an enrolment never marks it',
  learnerAsTutor: (tutorId: string) =>
    `${tutorId} is a learner enrolled on this course and cannot be its tutor: the learner of an enrolment never marks it`,
} as const;

export const requireEligibleModerator = (
  command: { board: ModeratingBoard | null; moderatorRole: ModeratorRole; moderatorId: string },
  courseId: string,
  markerId: string | null,
): void => {
  const { board, moderatorRole, moderatorId } = command;
  if (!board) throw new Forbidden(MODERATION_RULES.noBoard(courseId));
  const member = board.members.find((m) => m.memberId === moderatorId);
  if (moderatorRole === 'examiner' && member?.role !== 'external')
    throw new Forbidden(MODERATION_RULES.notAppointed(moderatorId, board.name));
  if (!member) throw new Forbidden(MODERATION_RULES.notMember(moderatorId, board.name));
  if (markerId === moderatorId) throw new Forbidden(MODERATION_RULES.ownMark(moderatorId));
};

/** At marking (and amending): the marker is never the enrolment's learner. */
export const requireMarkerIsNotLearner = (markerId: string, learnerId: string): void => {
  if (markerId === learnerId) throw new Forbidden(MODERATION_RULES.learnerMarks);
};
