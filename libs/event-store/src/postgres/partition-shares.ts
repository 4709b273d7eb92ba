/**
 * How many of `count` partitions each live member should lead: an even split, the remainder going
 * to the members first in order (by their session's process id), so every member computes the same
 * answer without talking to the others. Members beyond `count` lead nothing and stand by.
 */
export const fairShare = (members: readonly number[], me: number, count: number): number => {
  const rank = [...members].sort((a, b) => a - b).indexOf(me);
  if (rank < 0 || members.length === 0) return 0;
  return Math.floor(count / members.length) + (rank < count % members.length ? 1 : 0);
};

export interface Rebalance {
  /** Partitions to hand back (the highest first), so others can take them. */
  release: number[];
  /** Free partitions to try to lead, in order, until the share is reached. */
  claim: number[];
}

/** What one member does next: hand back what exceeds its share, or try free partitions up to it. */
export const rebalance = (
  held: ReadonlySet<number>,
  taken: ReadonlySet<number>,
  share: number,
  count: number,
): Rebalance => {
  const mine = [...held].sort((a, b) => a - b);
  if (mine.length > share) return { release: mine.slice(share).reverse(), claim: [] };
  const free = Array.from({ length: count }, (_, index) => index).filter(
    (index) => !held.has(index) && !taken.has(index),
  );
  return { release: [], claim: free.slice(0, share - mine.length) };
};
