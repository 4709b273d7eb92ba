import {
  calculateOutcome,
  enrolmentDecider,
  gradeFor,
  weightedMarkOf,
  type AssessmentScheme,
  type Grade,
  type LatestMark,
  type Outcome,
  type Result,
} from '#domain';
import { at, given } from './given-when-then.js';
import {
  DATA_ETHICS_SCHEME,
  enrolmentStarted,
  markRecorded,
  outcomeCalculated,
  scheme,
  workSubmitted,
} from './fixtures.js';
import { classify, finalMark, markReleased } from './moderation-fixtures.js';

type Row = [componentId: string, mark: number, passed: boolean, attempt?: number];

const outcome = (
  result: Result,
  weightedMark: number,
  grade: Grade | null,
  rows: Row[],
  referredComponents: string[] = [],
  note: string | null = null,
): Outcome => ({
  result,
  weightedMark,
  grade,
  components: rows.map(([componentId, mark, passed, attempt = 1]) => ({ componentId, attempt, mark, passed })),
  referredComponents,
  note,
});

/**
 * Given every component of `assessment` submitted and marked (attempt 1), all but the last mark
 * final, when the last mark is released unsampled.
 */
const whenReleased = (assessment: AssessmentScheme, marks: number[]) => {
  const ids = assessment.components.map((c) => c.id);
  const lastId = ids.at(-1)!;
  return {
    lastId,
    when: given(
      enrolmentDecider,
      enrolmentStarted({ scheme: assessment }),
      ...ids.map((id) => workSubmitted(id)),
      ...ids.slice(0, -1).flatMap((id, i) => finalMark(id, marks[i]!)),
      markRecorded(lastId, marks.at(-1)!),
    ).when(classify(lastId)),
  };
};

/** The outcome decided when the marks complete the set (asserting the events exactly). */
const expectOutcome = (assessment: AssessmentScheme, marks: number[], expected: Outcome) => {
  const { when, lastId } = whenReleased(assessment, marks);
  return when.then([markReleased(lastId), outcomeCalculated(expected)]);
};

const marksOf = (entries: [string, number, number?][]): Map<string, LatestMark> =>
  new Map(entries.map(([id, mark, attempt = 1]) => [id, { attempt, mark }]));

/** Data Ethics with component pass marks of 40 under a course pass mark of 50. */
const lowerComponentPassMarks = scheme(
  [
    { id: 'essay', weight: 60, passMark: 40 },
    { id: 'exam', weight: 40, passMark: 40 },
  ],
  { passMark: 50 },
);

describe('weighted mark, rounded half up', () => {
  it.each<[number[], number[], number]>([
    [[50, 50], [60, 61], 61], // 60.5
    [[50, 50], [60, 60], 60],
    [[30, 70], [60, 45], 50], // 49.5 exactly
    [[30, 70], [48, 50], 49], // 49.4, just below
    [[30, 70], [59, 46], 50], // 49.9
    [[60, 40], [42, 65], 51], // 51.2
    [[33, 33, 34], [70, 70, 69], 70], // 69.66
    [[100], [39], 39],
  ])('weights %j, marks %j -> %i', (weights, marks, expected) => {
    const s = scheme(weights.map((weight, i) => ({ id: `c${i}`, weight })));
    expect(weightedMarkOf(s, marksOf(marks.map((m, i) => [`c${i}`, m])))).toBe(expected);
  });

  it('50/50 with marks 60 and 61 gives 61 (60.5 rounds up): a Merit', () => {
    expectOutcome(
      scheme([
        { id: 'essay', weight: 50 },
        { id: 'exam', weight: 50 },
      ]),
      [60, 61],
      outcome('pass', 61, 'Merit', [
        ['essay', 60, true],
        ['exam', 61, true],
      ]),
    );
  });

  it('30/70 with marks hitting 49.5 rounds up to the pass mark of 50', () => {
    const s = scheme(
      [
        { id: 'essay', weight: 30, passMark: 40 },
        { id: 'exam', weight: 70, passMark: 40 },
      ],
      { passMark: 50 },
    );
    expectOutcome(
      s,
      [60, 45],
      outcome('pass', 50, 'Pass', [
        ['essay', 60, true],
        ['exam', 45, true],
      ]),
    );
  });

  it('30/70 with marks hitting 49.4 rounds down, below the pass mark', () => {
    const s = scheme(
      [
        { id: 'essay', weight: 30, passMark: 40 },
        { id: 'exam', weight: 70, passMark: 40 },
      ],
      { passMark: 50 },
    );
    expectOutcome(
      s,
      [48, 50],
      outcome(
        'referral',
        49,
        null,
        [
          ['essay', 48, true],
          ['exam', 50, true],
        ],
        ['essay'],
      ),
    );
  });
});

describe('grade', () => {
  it.each<[number, Grade]>([
    [100, 'Distinction'],
    [70, 'Distinction'],
    [69, 'Merit'],
    [60, 'Merit'],
    [59, 'Pass'],
    [50, 'Pass'],
    [40, 'Pass'],
  ])('%i is a %s', (weightedMark, grade) => {
    expect(gradeFor(weightedMark)).toBe(grade);
  });

  it.each<[number[], number, Grade]>([
    [[72, 68], 70, 'Distinction'], // 70.4
    [[70, 67], 69, 'Merit'], // 68.8
    [[60, 60], 60, 'Merit'],
    [[59, 60], 59, 'Pass'], // 59.4
    [[50, 50], 50, 'Pass'], // exactly the pass mark
  ])('Data Ethics marks %j -> %i, %s', ([essay, exam], weightedMark, grade) => {
    expectOutcome(
      DATA_ETHICS_SCHEME,
      [essay!, exam!],
      outcome('pass', weightedMark, grade, [
        ['essay', essay!, true],
        ['exam', exam!, true],
      ]),
    );
  });

  it('grades on the rounded mark: 69.5 is a Distinction', () => {
    expectOutcome(
      scheme([
        { id: 'essay', weight: 50 },
        { id: 'exam', weight: 50 },
      ]),
      [69, 70],
      outcome('pass', 70, 'Distinction', [
        ['essay', 69, true],
        ['exam', 70, true],
      ]),
    );
  });
});

describe('pass, referral and fail', () => {
  it('fails when a component is below its own pass mark even though the weighted mark passes (no attempts left)', () => {
    const oneAttempt = { ...DATA_ETHICS_SCHEME, maxAttempts: 1 };
    expectOutcome(
      oneAttempt,
      [80, 30],
      outcome('fail', 60, null, [
        ['essay', 80, true],
        ['exam', 30, false],
      ]),
    );
  });

  it('refers (does not fail) a failed component that has attempts left', () => {
    const { state } = expectOutcome(
      DATA_ETHICS_SCHEME,
      [80, 30],
      outcome(
        'referral',
        60,
        null,
        [
          ['essay', 80, true],
          ['exam', 30, false],
        ],
        ['exam'],
      ),
    );

    expect(state).toMatchObject({ status: 'active', outcome: { result: 'referral' } });
  });

  it('refers only the failed components when the weighted mark also fails', () => {
    expectOutcome(
      DATA_ETHICS_SCHEME,
      [30, 60],
      outcome(
        'referral',
        42,
        null,
        [
          ['essay', 30, false],
          ['exam', 60, true],
        ],
        ['essay'],
      ),
    );
  });

  it('fails when the referred component fails again on the last attempt', () => {
    const referral = outcome(
      'referral',
      51,
      null,
      [
        ['essay', 42, false],
        ['exam', 65, true],
      ],
      ['essay'],
    );
    const { state } = given(
      enrolmentDecider,
      enrolmentStarted(),
      workSubmitted('essay'),
      workSubmitted('exam'),
      ...finalMark('essay', 42),
      ...finalMark('exam', 65),
      outcomeCalculated(referral),
      workSubmitted('essay', 2, '2026-03-20T11:00:00.000Z'),
      markRecorded('essay', 45, 2, '2026-03-24T09:00:00.000Z'),
    )
      .when(classify('essay', { attempt: 2 }), at('2026-03-25T09:00:00Z'))
      .then([
        markReleased('essay', 2),
        outcomeCalculated(
          outcome('fail', 53, null, [
            ['essay', 45, false, 2],
            ['exam', 65, true],
          ]),
          '2026-03-25T09:00:00.000Z',
        ),
      ]);

    expect(state).toMatchObject({ status: 'assessed', outcome: { result: 'fail', referredComponents: [] } });
  });

  it('fails when any failed component has no attempts left, even if another could be retaken', () => {
    const result = calculateOutcome(
      DATA_ETHICS_SCHEME,
      marksOf([
        ['essay', 30, 2],
        ['exam', 30, 1],
      ]),
    );

    expect(result).toStrictEqual(
      outcome('fail', 30, null, [
        ['essay', 30, false, 2],
        ['exam', 30, false],
      ]),
    );
  });

  it("passes on a component's own lower pass mark when the weighted mark passes", () => {
    expectOutcome(
      lowerComponentPassMarks,
      [55, 45],
      outcome('pass', 51, 'Pass', [
        ['essay', 55, true],
        ['exam', 45, true],
      ]),
    );
  });

  it('refers the components below the course pass mark when each met its own but the weighted mark fails', () => {
    expectOutcome(
      lowerComponentPassMarks,
      [55, 40],
      outcome(
        'referral',
        49,
        null,
        [
          ['essay', 55, true],
          ['exam', 40, true],
        ],
        ['exam'],
      ),
    );
  });

  it('refers every component below the course pass mark', () => {
    expectOutcome(
      lowerComponentPassMarks,
      [45, 45],
      outcome(
        'referral',
        45,
        null,
        [
          ['essay', 45, true],
          ['exam', 45, true],
        ],
        ['essay', 'exam'],
      ),
    );
  });

  it('fails a weighted-mark shortfall when no attempts are left', () => {
    expectOutcome(
      { ...lowerComponentPassMarks, maxAttempts: 1 },
      [45, 45],
      outcome('fail', 45, null, [
        ['essay', 45, true],
        ['exam', 45, true],
      ]),
    );
  });

  it('passes after the referred component is resubmitted and marked', () => {
    const referral = outcome(
      'referral',
      49,
      null,
      [
        ['essay', 55, true],
        ['exam', 40, true],
      ],
      ['exam'],
    );
    given(
      enrolmentDecider,
      enrolmentStarted({ scheme: lowerComponentPassMarks }),
      workSubmitted('essay'),
      workSubmitted('exam'),
      ...finalMark('essay', 55),
      ...finalMark('exam', 40),
      outcomeCalculated(referral),
      workSubmitted('exam', 2, '2026-03-20T11:00:00.000Z'),
      markRecorded('exam', 60, 2, '2026-03-24T09:00:00.000Z'),
    )
      .when(classify('exam', { attempt: 2 }), at('2026-03-25T09:00:00Z'))
      .then([
        markReleased('exam', 2),
        outcomeCalculated(
          outcome('pass', 57, 'Pass', [
            ['essay', 55, true],
            ['exam', 60, true, 2],
          ]),
          '2026-03-25T09:00:00.000Z',
        ),
      ]);
  });
});
