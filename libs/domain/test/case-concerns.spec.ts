import {
  casePendingReasons,
  enrolmentDecider,
  nearBoundary,
  type Enrolment,
  type EnrolmentEvent,
  type Outcome,
} from '#domain';
import { given } from './given-when-then.js';
import { enrolmentStarted, markRecorded, outcomeCalculated, workSubmitted } from './fixtures.js';
import { finalMark, integrityFlagRaised, markSampled, mitigationClaimed } from './moderation-fixtures.js';

const passWith = (weightedMark: number, essay: number, exam: number): Outcome => ({
  result: 'pass',
  weightedMark,
  grade: weightedMark >= 70 ? 'Distinction' : weightedMark >= 60 ? 'Merit' : 'Pass',
  components: [
    { componentId: 'essay', attempt: 1, mark: essay, passed: true },
    { componentId: 'exam', attempt: 1, mark: exam, passed: true },
  ],
  referredComponents: [],
  note: null,
});

const enrolmentAfter = (...events: EnrolmentEvent[]): Enrolment => {
  const state = given(
    enrolmentDecider,
    enrolmentStarted(),
    workSubmitted('essay'),
    workSubmitted('exam'),
    ...events,
  ).state();
  if (state.status === 'none') throw new Error('no enrolment');
  return state;
};

// 0.6 × 80 + 0.4 × 80 = 80: far from every boundary.
const clean = [...finalMark('essay', 80), ...finalMark('exam', 80), outcomeCalculated(passWith(80, 80, 80))];

describe('nearBoundary (is a weighted mark a clean case?)', () => {
  it.each([
    [47, true],
    [53, true],
    [54, false],
    [56, false],
    [57, true],
    [63, true],
    [64, false],
    [66, false],
    [67, true],
    [73, true],
    [74, false],
    [30, false],
  ])('with a pass mark of 50 and a margin of 3, %i is near a boundary: %p', (weightedMark, near) => {
    expect(nearBoundary(weightedMark, 50, 3)).toBe(near);
  });

  it('uses the course pass mark it is given', () => {
    expect(nearBoundary(42, 40, 3)).toBe(true);
    expect(nearBoundary(42, 50, 3)).toBe(false);
  });
});

describe('casePendingReasons (the concerns the board runner opens a case with)', () => {
  it('has none for a clean case', () => {
    expect(casePendingReasons(enrolmentAfter(...clean), 3)).toEqual([]);
  });

  it('names a mitigating-circumstances claim', () => {
    expect(casePendingReasons(enrolmentAfter(...clean, mitigationClaimed()), 3)).toEqual([
      'mitigating circumstances claimed',
    ]);
  });

  it('names an integrity flag', () => {
    expect(casePendingReasons(enrolmentAfter(integrityFlagRaised(), ...clean), 3)).toEqual([
      'academic integrity flag raised',
    ]);
  });

  it("names a weighted mark within the board's margin of a boundary", () => {
    const nearMerit = [...finalMark('essay', 62), ...finalMark('exam', 60), outcomeCalculated(passWith(61, 62, 60))];

    expect(casePendingReasons(enrolmentAfter(...nearMerit), 3)).toEqual([
      'weighted mark 61 is within 3 of a pass or grade boundary',
    ]);
    expect(casePendingReasons(enrolmentAfter(...nearMerit), 0)).toEqual([]);
  });

  it('names incomplete moderation', () => {
    const sampled = [...finalMark('essay', 80), markRecorded('exam', 80), markSampled('exam', 'systematic')];

    expect(casePendingReasons(enrolmentAfter(...sampled), 3)).toEqual(['moderation is not complete']);
  });

  it('names every concern at once', () => {
    expect(casePendingReasons(enrolmentAfter(...clean, mitigationClaimed(), integrityFlagRaised()), 3)).toEqual([
      'mitigating circumstances claimed',
      'academic integrity flag raised',
    ]);
  });
});
