import { enrolmentDecider, NotFound, StateConflict, type Outcome } from '#domain';
import { at, given } from './given-when-then.js';
import {
  bothReferred,
  deemedWithdrawn,
  enrolmentStarted,
  mark,
  MARKER_ID,
  markRecorded,
  outcomeCalculated,
  submit,
  suspended,
  workSubmitted,
} from './fixtures.js';
import { classify, finalMark, markReleased } from './moderation-fixtures.js';

// Data Ethics: essay 60% / exam 40%, pass mark 50 for the course and each component, 2 attempts.
const started = enrolmentStarted();
const bothSubmitted = [started, workSubmitted('essay'), workSubmitted('exam')];

const essayReferred: Outcome = {
  result: 'referral',
  weightedMark: 51,
  grade: null,
  components: [
    { componentId: 'essay', attempt: 1, mark: 42, passed: false },
    { componentId: 'exam', attempt: 1, mark: 65, passed: true },
  ],
  referredComponents: ['essay'],
  note: null,
};

describe('RecordMark', () => {
  it('records the mark against the latest attempt, with marker and time, pending its sampling decision', () => {
    const { state } = given(enrolmentDecider, ...bothSubmitted)
      .when(mark('essay', 64), at('2026-03-02T14:30:00Z'))
      .then([markRecorded('essay', 64, 1, '2026-03-02T14:30:00.000Z')]);

    expect(state).toMatchObject({
      status: 'active',
      outcome: null,
      attempts: {
        essay: [
          {
            attempt: 1,
            mark: 64,
            markerId: MARKER_ID,
            markedAt: '2026-03-02T14:30:00.000Z',
            classification: 'pending',
            samplingReason: null,
            moderation: null,
            amendments: [],
          },
        ],
      },
    });
  });

  it.each([0, 100])('accepts a mark of %i', (value) => {
    given(enrolmentDecider, ...bothSubmitted)
      .when(mark('exam', value))
      .then([markRecorded('exam', value)]);
  });

  it('calculates no outcome while a component has no mark', () => {
    given(enrolmentDecider, started, workSubmitted('essay'))
      .when(mark('essay', 72))
      .then([markRecorded('essay', 72)]);
  });

  it('calculates no outcome when the mark that completes the set is recorded: it is not final yet', () => {
    given(enrolmentDecider, ...bothSubmitted, ...finalMark('essay', 72, 1, '2026-02-28T09:00:00.000Z'))
      .when(mark('exam', 68))
      .then([markRecorded('exam', 68)]);
  });

  it('calculates the outcome when the mark that completes the set is released', () => {
    const { state } = given(
      enrolmentDecider,
      ...bothSubmitted,
      ...finalMark('essay', 72, 1, '2026-02-28T09:00:00.000Z'),
      markRecorded('exam', 68),
    )
      .when(classify('exam'))
      .then([
        markReleased('exam'),
        outcomeCalculated({
          result: 'pass',
          weightedMark: 70, // 0.6 × 72 + 0.4 × 68 = 70.4
          grade: 'Distinction',
          components: [
            { componentId: 'essay', attempt: 1, mark: 72, passed: true },
            { componentId: 'exam', attempt: 1, mark: 68, passed: true },
          ],
          referredComponents: [],
          note: null,
        }),
      ]);

    expect(state).toMatchObject({ status: 'assessed', outcome: { result: 'pass', grade: 'Distinction' } });
  });

  it('marks the resubmission (attempt 2) of a referred component and recalculates the outcome once it is released', () => {
    const { state } = given(
      enrolmentDecider,
      ...bothSubmitted,
      ...finalMark('essay', 42),
      ...finalMark('exam', 65),
      outcomeCalculated(essayReferred),
      workSubmitted('essay', 2, '2026-03-20T11:00:00.000Z'),
      markRecorded('essay', 58, 2, '2026-03-25T08:00:00.000Z'),
    )
      .when(classify('essay', { attempt: 2 }), at('2026-03-25T09:00:00Z'))
      .then([
        markReleased('essay', 2),
        outcomeCalculated(
          {
            result: 'pass',
            weightedMark: 61, // 0.6 × 58 + 0.4 × 65 = 60.8
            grade: 'Merit',
            components: [
              { componentId: 'essay', attempt: 2, mark: 58, passed: true },
              { componentId: 'exam', attempt: 1, mark: 65, passed: true },
            ],
            referredComponents: [],
            note: null,
          },
          '2026-03-25T09:00:00.000Z',
        ),
      ]);

    expect(state.status === 'none' ? [] : state.attempts.essay?.map((a) => a.mark)).toEqual([42, 58]);
  });

  it('keeps the enrolment active after a referral', () => {
    const state = given(
      enrolmentDecider,
      ...bothSubmitted,
      ...finalMark('essay', 42),
      ...finalMark('exam', 65),
      outcomeCalculated(essayReferred),
    ).state();

    expect(state).toMatchObject({ status: 'active', outcome: { result: 'referral', referredComponents: ['essay'] } });
  });

  it('may record a mark while the enrolment is suspended', () => {
    given(enrolmentDecider, ...bothSubmitted, suspended('2026-02-25'))
      .when(mark('essay', 55))
      .then([markRecorded('essay', 55)]);
  });

  it('refuses a mark for a component with no submission', () => {
    given(enrolmentDecider, started, workSubmitted('essay'))
      .when(mark('exam', 60))
      .thenThrows(StateConflict, 'no submission of exam is awaiting a mark');
  });

  it.each([
    ['pending', [markRecorded('essay', 64)]],
    ['released', finalMark('essay', 64)],
  ])('refuses a second mark for the same attempt (the first %s): amend it instead', (_case, marked) => {
    given(enrolmentDecider, ...bothSubmitted, ...marked)
      .when(mark('essay', 66))
      .thenThrows(StateConflict, 'no submission of essay is awaiting a mark');
  });

  it.each([101, -1, 55.5, Number.NaN])('rejects a mark of %p', (value) => {
    given(enrolmentDecider, ...bothSubmitted)
      .when(mark('essay', value))
      .thenViolates('mark', 'must be a whole number from 0 to 100');
  });

  it('rejects a mark for an unknown component', () => {
    given(enrolmentDecider, ...bothSubmitted)
      .when(mark('viva', 60))
      .thenViolates('componentId', "must be one of this course's components: essay, exam");
  });

  it('refuses a mark once the outcome is a pass', () => {
    given(
      enrolmentDecider,
      ...bothSubmitted,
      ...finalMark('essay', 58),
      ...finalMark('exam', 65),
      outcomeCalculated({
        result: 'pass',
        weightedMark: 61,
        grade: 'Merit',
        components: [
          { componentId: 'essay', attempt: 1, mark: 58, passed: true },
          { componentId: 'exam', attempt: 1, mark: 65, passed: true },
        ],
        referredComponents: [],
        note: null,
      }),
    )
      .when(mark('essay', 60))
      .thenThrows(StateConflict, 'cannot record a mark: enrolment is assessed');
  });

  it('refuses a mark once the learner was deemed withdrawn', () => {
    given(enrolmentDecider, started, workSubmitted('essay'), deemedWithdrawn(['exam'], '2026-05-03'))
      .when(mark('essay', 60))
      .thenThrows(StateConflict, 'cannot record a mark: enrolment is withdrawn');
  });

  it('refuses a mark for an enrolment that does not exist', () => {
    given(enrolmentDecider).when(mark('essay', 60)).thenThrows(NotFound, 'enrolment not found');
  });

  it('a marked component stays closed to submission until an outcome refers it', () => {
    given(enrolmentDecider, ...bothSubmitted, ...finalMark('essay', 30))
      .when(submit('essay'))
      .thenThrows(StateConflict, 'essay is not open for another attempt');
  });
});

describe('the outcome after a referral of two components', () => {
  const referredHistory = [
    ...bothSubmitted,
    ...finalMark('essay', 40),
    ...finalMark('exam', 40),
    outcomeCalculated(bothReferred(40, 40, 40)),
    workSubmitted('essay', 2, '2026-02-26T10:00:00.000Z'),
    workSubmitted('exam', 2, '2026-02-26T11:00:00.000Z'),
  ];

  it('waits for the second referred component before calculating a new outcome', () => {
    given(enrolmentDecider, ...referredHistory, markRecorded('essay', 58, 2))
      .when(classify('essay', { attempt: 2 }))
      .then([markReleased('essay', 2)]);
  });

  it('calculates the outcome once every referred component has its new final mark', () => {
    const { events } = given(
      enrolmentDecider,
      ...referredHistory,
      ...finalMark('essay', 58, 2),
      markRecorded('exam', 55, 2),
    )
      .when(classify('exam', { attempt: 2 }))
      .then([markReleased('exam', 2), expect.objectContaining({ type: 'OutcomeCalculated' }) as never]);
    expect(events[1]).toMatchObject({ data: { result: 'pass', weightedMark: 57, grade: 'Pass' } });
  });
});
