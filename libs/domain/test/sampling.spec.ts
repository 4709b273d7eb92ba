import { boundariesFor, classifyMark, DEFAULT_SAMPLING, type SamplingPolicy, type SamplingReason } from '#domain';

// Data Ethics components pass at 50, so the boundaries are 50 (pass), 60 (Merit) and 70 (Distinction).
const BOUNDARIES = boundariesFor(50);

const classified = (mark: number, otherMarksSoFar = 0, policy?: SamplingPolicy) =>
  classifyMark({ mark, componentPassMark: 50, boundaries: BOUNDARIES, otherMarksSoFar }, policy);

/**
 * Classifies one marker's marks in order, keeping the count of other marks as the board runner
 * does, and returns the reason for each.
 */
const rollingSample = (marks: number[], policy?: SamplingPolicy): (SamplingReason | null)[] => {
  let others = 0;
  return marks.map((mark) => {
    const { reason, countsAsOther } = classified(mark, others, policy);
    if (countsAsOther) others += 1;
    return reason;
  });
};

describe('boundariesFor', () => {
  it('is the component pass mark and the Merit and Distinction thresholds', () => {
    expect(boundariesFor(50)).toEqual([50, 60, 70]);
    expect(boundariesFor(40)).toEqual([40, 60, 70]);
  });

  it('lists a pass mark that is also a grade threshold once', () => {
    expect(boundariesFor(60)).toEqual([60, 70]);
  });
});

describe('classifyMark (rolling moderation sampling, per marker)', () => {
  it('defaults to every 10th other mark and a margin of 3 marks', () => {
    expect(DEFAULT_SAMPLING).toEqual({ everyNth: 10, boundaryMargin: 3 });
  });

  it.each([0, 30, 46, 49])('samples every fail (%i is below the component pass mark of 50)', (mark) => {
    expect(classified(mark)).toEqual({ reason: 'fail', countsAsOther: false });
  });

  it('samples a fail against the component pass mark, not the course pass mark', () => {
    const result = classifyMark({ mark: 45, componentPassMark: 40, boundaries: boundariesFor(40), otherMarksSoFar: 0 });

    expect(result).toEqual({ reason: null, countsAsOther: true });
  });

  it.each([
    [50, 'the pass mark itself'],
    [53, 'exactly 3 above the pass mark'],
    [57, 'exactly 3 below Merit'],
    [59, 'just below Merit'],
    [60, 'Merit itself'],
    [63, 'exactly 3 above Merit'],
    [67, 'exactly 3 below Distinction'],
    [70, 'Distinction itself'],
    [73, 'exactly 3 above Distinction'],
  ])('samples %i as near a boundary (%s)', (mark) => {
    expect(classified(mark)).toEqual({ reason: 'near-boundary', countsAsOther: false });
  });

  it.each([
    [54, '4 above the pass mark'],
    [56, '4 below Merit'],
    [64, '4 above Merit'],
    [66, '4 below Distinction'],
    [74, '4 above Distinction'],
    [100, 'far from any boundary'],
  ])("does not sample %i on its own (%s): it is one of the marker's other marks", (mark) => {
    expect(classified(mark)).toEqual({ reason: null, countsAsOther: true });
  });

  it('samples a mark just below the pass mark as a fail, not as near the boundary', () => {
    expect(classified(47).reason).toBe('fail');
  });

  it.each([
    [0, null],
    [8, null],
    [9, 'systematic'], // the 10th other mark
    [10, null],
    [19, 'systematic'], // the 20th
    [29, 'systematic'], // the 30th
  ])('with %i other marks before it, the next other mark is %p', (otherMarksSoFar, reason) => {
    expect(classified(80, otherMarksSoFar)).toEqual({ reason, countsAsOther: true });
  });

  it("samples the 10th and 20th of a marker's other marks in a rolling sequence", () => {
    const reasons = rollingSample(Array.from({ length: 20 }, () => 80));

    expect(reasons.flatMap((r, i) => (r === 'systematic' ? [i + 1] : []))).toEqual([10, 20]);
  });

  it('does not advance the count for fails and near-boundary marks', () => {
    // Nine other marks, then a fail and a near-boundary mark, then the 10th other mark.
    const reasons = rollingSample([80, 81, 82, 83, 84, 85, 86, 87, 88, 30, 61, 89]);

    expect(reasons).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      'fail',
      'near-boundary',
      'systematic',
    ]);
  });

  it('is deterministic: the same marks in the same order sample the same marks', () => {
    const marks = [80, 45, 56, 62, 77, 90, 85, 55, 78, 79, 81, 95, 64, 66, 86, 87, 88, 91, 92, 93, 94];

    expect(rollingSample(marks)).toEqual(rollingSample(marks));
  });

  it('honours a custom N: every 4th other mark', () => {
    const reasons = rollingSample(
      Array.from({ length: 8 }, () => 80),
      { everyNth: 4, boundaryMargin: 3 },
    );

    expect(reasons).toEqual([null, null, null, 'systematic', null, null, null, 'systematic']);
  });

  it('samples every other mark when N is 1', () => {
    expect(rollingSample([80, 85, 90], { everyNth: 1, boundaryMargin: 3 })).toEqual([
      'systematic',
      'systematic',
      'systematic',
    ]);
  });

  it('honours a custom margin: 0 samples only marks on a boundary', () => {
    const policy = { everyNth: 10, boundaryMargin: 0 };

    expect(classified(60, 0, policy).reason).toBe('near-boundary');
    expect(classified(61, 0, policy)).toEqual({ reason: null, countsAsOther: true });
  });

  it('honours a custom margin: 5 samples 55 (5 below Merit)', () => {
    expect(classified(55, 0, { everyNth: 10, boundaryMargin: 5 }).reason).toBe('near-boundary');
    expect(classified(54, 0, { everyNth: 10, boundaryMargin: 5 }).reason).toBe('near-boundary'); // 4 above the pass mark
    expect(classified(76, 0, { everyNth: 10, boundaryMargin: 5 }).reason).toBeNull();
  });

  it.each([0, -1, 2.5])('refuses a policy sampling every %p-th mark', (everyNth) => {
    expect(() => classified(80, 0, { everyNth, boundaryMargin: 3 })).toThrow(RangeError);
  });

  it('refuses a negative margin', () => {
    expect(() => classified(80, 0, { everyNth: 10, boundaryMargin: -1 })).toThrow(RangeError);
  });
});
