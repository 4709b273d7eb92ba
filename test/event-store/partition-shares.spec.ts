import { fairShare, rebalance } from '../../libs/event-store/src/postgres/partition-shares.js';

describe('sharing partitions out between board-runner processes', () => {
  it('splits evenly, the remainder to the first members, and nothing to members beyond the count', () => {
    expect([10, 20, 30].map((pid) => fairShare([30, 10, 20], pid, 8))).toEqual([3, 3, 2]);
    expect([10, 20, 30].map((pid) => fairShare([10, 20, 30], pid, 2))).toEqual([1, 1, 0]);
    expect(fairShare([10], 10, 4)).toBe(4);
    // Not yet counted as a member (its shared lock is not visible): it takes nothing.
    expect(fairShare([10], 20, 4)).toBe(0);
  });

  it('hands back the highest partitions above its share, and claims free ones up to it', () => {
    expect(rebalance(new Set([0, 1, 2, 3]), new Set(), 2, 4)).toEqual({ release: [3, 2], claim: [] });
    expect(rebalance(new Set([1]), new Set([0, 3]), 2, 4)).toEqual({ release: [], claim: [2] });
    expect(rebalance(new Set(), new Set([0, 1, 2, 3]), 2, 4)).toEqual({ release: [], claim: [] });
    expect(rebalance(new Set([0, 1]), new Set([2, 3]), 2, 4)).toEqual({ release: [], claim: [] });
  });
});
