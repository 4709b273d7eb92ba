import type { BoardMember } from './board.events.js';
import type { Vote } from './board.state.js';

/**
 * A board decides by a quorum: the chair and at least one other member voting the same way in the
 * current round (design §2). For an amendment "the same way" includes the same mark, or the
 * minutes could not say which mark was decided.
 *
 * Returns the members who voted with `deciding` (in voting order) when they make a quorum, else null.
 */
export const quorumWith = (
  deciding: Vote,
  votes: readonly Vote[],
  members: readonly BoardMember[],
): string[] | null => {
  const agreeing = votes
    .filter((v) => v.decision === deciding.decision && v.mark === deciding.mark)
    .map((v) => v.memberId);
  const chair = members.find((m) => m.role === 'chair')?.memberId;
  const chairAgrees = chair !== undefined && agreeing.includes(chair);
  const othersAgree = agreeing.some((id) => id !== chair);
  return chairAgrees && othersAgree ? agreeing : null;
};
