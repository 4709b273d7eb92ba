import { enrolmentDecider, NotFound, StateConflict, type EnrolmentEvent, type Outcome } from '#domain';
import { at, given } from './given-when-then.js';
import {
  closeLapsed,
  DATA_ETHICS_SCHEME,
  deemedWithdrawn,
  enrolmentStarted,
  mark,
  MARKER_ID,
  markRecorded,
  outcomeCalculated,
  suspended,
  workSubmitted,
} from './fixtures.js';
import {
  adjust,
  agree,
  amendMark,
  BOARD_ID,
  BY_APPOINTED_EXAMINER,
  CASE_ID,
  claimMitigation,
  classify,
  confirm,
  finalMark,
  flagIntegrity,
  integrityFlagRaised,
  markAmended,
  markModerated,
  markReleased,
  markSampled,
  mitigationClaimed,
  MODERATOR_ID,
  outcomeConfirmed,
} from './moderation-fixtures.js';

// Data Ethics: essay 60% / exam 40%, pass mark 50 for the course and each component, 2 attempts.
const bothSubmitted = [enrolmentStarted(), workSubmitted('essay'), workSubmitted('exam')];

/** The outcome for attempt-1 marks on essay and exam. */
const outcomeOf = (
  result: Outcome['result'],
  weightedMark: number,
  grade: Outcome['grade'],
  essay: number,
  exam: number,
): Outcome => ({
  result,
  weightedMark,
  grade,
  components: [
    { componentId: 'essay', attempt: 1, mark: essay, passed: essay >= 50 },
    { componentId: 'exam', attempt: 1, mark: exam, passed: exam >= 50 },
  ],
  referredComponents: result === 'referral' ? [essay < 50 ? 'essay' : 'exam'] : [],
  note: null,
});

// 0.6 × 72 + 0.4 × 68 = 70.4: a Distinction.
const distinction = outcomeOf('pass', 70, 'Distinction', 72, 68);
const assessed = [
  ...bothSubmitted,
  ...finalMark('essay', 72),
  ...finalMark('exam', 68),
  outcomeCalculated(distinction),
];
const confirmed = [...assessed, outcomeConfirmed()];
const withdrawn = [
  enrolmentStarted(),
  workSubmitted('essay'),
  markRecorded('essay', 61),
  deemedWithdrawn(['exam'], '2026-05-03'),
];

const latestAttempt = (events: EnrolmentEvent[], componentId: string) => {
  const state = given(enrolmentDecider, ...events).state();
  return state.status === 'none' ? undefined : state.attempts[componentId]?.at(-1);
};

describe('ClassifyMark (the board runner samples or releases each mark)', () => {
  it('releases a mark that is not sampled: it is final as recorded', () => {
    const { state } = given(enrolmentDecider, ...bothSubmitted, markRecorded('essay', 80))
      .when(classify('essay'))
      .then([markReleased('essay')]);

    expect(state).toMatchObject({
      status: 'active',
      outcome: null,
      attempts: { essay: [{ mark: 80, classification: 'released' }] },
    });
  });

  it('calculates the outcome in the same decision when it releases the last mark that was not final', () => {
    const { state } = given(enrolmentDecider, ...bothSubmitted, ...finalMark('essay', 72), markRecorded('exam', 68))
      .when(classify('exam'), at('2026-03-02T08:00:00Z'))
      .then([markReleased('exam'), outcomeCalculated(distinction, '2026-03-02T08:00:00.000Z')]);

    expect(state).toMatchObject({ status: 'assessed', outcome: { result: 'pass', grade: 'Distinction' } });
  });

  it('waits for a mark recorded but not yet classified', () => {
    given(enrolmentDecider, ...bothSubmitted, markRecorded('essay', 72), markRecorded('exam', 68))
      .when(classify('exam'))
      .then([markReleased('exam')]);
  });

  it.each(['fail', 'near-boundary', 'systematic'] as const)(
    'samples a mark for moderation (%s), naming its marker',
    (reason) => {
      const { state } = given(enrolmentDecider, ...bothSubmitted, ...finalMark('essay', 72), markRecorded('exam', 68))
        .when(classify('exam', { sampled: reason }))
        .then([markSampled('exam', reason)]);

      expect(state).toMatchObject({
        outcome: null,
        attempts: { exam: [{ classification: 'sampled', samplingReason: reason }] },
      });
    },
  );

  it('classifies the mark it was computed for, when that mark is still current', () => {
    given(enrolmentDecider, ...bothSubmitted, markRecorded('essay', 80))
      .when(classify('essay', { mark: 80 }))
      .then([markReleased('essay')]);
  });

  it('classifies a resubmission (attempt 2)', () => {
    given(
      enrolmentDecider,
      ...bothSubmitted,
      ...finalMark('essay', 42),
      ...finalMark('exam', 65),
      outcomeCalculated(outcomeOf('referral', 51, null, 42, 65)),
      workSubmitted('essay', 2, '2026-03-20T11:00:00.000Z'),
      markRecorded('essay', 48, 2),
    )
      .when(classify('essay', { attempt: 2, sampled: 'fail' }))
      .then([markSampled('essay', 'fail', 2)]);
  });

  describe('is idempotent, because the runner may replay its feed', () => {
    it.each([
      ['released', [markReleased('essay')]],
      ['sampled', [markSampled('essay', 'systematic')]],
      ['moderated', [markSampled('essay', 'systematic'), markModerated('essay', 80, 80)]],
    ])('does nothing for a mark already %s', (_case, classified) => {
      given(enrolmentDecider, ...bothSubmitted, markRecorded('essay', 80), ...classified)
        .when(classify('essay', { sampled: 'fail' }))
        .then([]);
    });

    it('does nothing for an earlier attempt, classified before the resubmission', () => {
      given(
        enrolmentDecider,
        ...bothSubmitted,
        ...finalMark('essay', 42),
        ...finalMark('exam', 65),
        outcomeCalculated(outcomeOf('referral', 51, null, 42, 65)),
        workSubmitted('essay', 2, '2026-03-20T11:00:00.000Z'),
      )
        .when(classify('essay', { attempt: 1 }))
        .then([]);
    });

    it('ignores a classification of a mark since amended (a replayed MarkRecorded)', () => {
      given(enrolmentDecider, ...bothSubmitted, ...finalMark('essay', 75), markAmended('essay', 75, 45))
        .when(classify('essay', { mark: 75 }))
        .then([]);
    });

    it('does nothing once the outcome is confirmed', () => {
      given(enrolmentDecider, ...confirmed)
        .when(classify('exam'))
        .then([]);
    });

    it('does nothing once the learner is withdrawn, even for a pending mark', () => {
      given(enrolmentDecider, ...withdrawn)
        .when(classify('essay'))
        .then([]);
    });
  });

  it('refuses an attempt with no mark', () => {
    given(enrolmentDecider, ...bothSubmitted)
      .when(classify('essay'))
      .thenThrows(StateConflict, 'attempt 1 of essay has no mark awaiting classification');
  });

  it('refuses an attempt that was never submitted', () => {
    given(enrolmentDecider, ...bothSubmitted, markRecorded('essay', 80))
      .when(classify('essay', { attempt: 2 }))
      .thenThrows(StateConflict, 'attempt 2 of essay has no mark awaiting classification');
  });

  it.each<[string, Parameters<typeof classify>[1] & { componentId?: string }, string, string?]>([
    [
      'an unknown component',
      { componentId: 'viva' },
      'componentId',
      "must be one of this course's components: essay, exam",
    ],
    ['attempt 0', { attempt: 0 }, 'attempt', 'must be a whole number from 1'],
    ['a fractional attempt', { attempt: 1.5 }, 'attempt'],
    [
      'an unknown sampling reason',
      { sampled: 'random' as 'fail' },
      'sampled',
      'must be null or one of fail, near-boundary, systematic',
    ],
    ['a classified mark over 100', { mark: 101 }, 'mark', 'must be a whole number from 0 to 100'],
  ])('rejects %s', (_case, { componentId = 'essay', ...options }, field, ...rule) => {
    given(enrolmentDecider, ...bothSubmitted, markRecorded('essay', 80))
      .when(classify(componentId, options))
      .thenViolates(field, rule[0]);
  });

  it('refuses an enrolment that does not exist', () => {
    given(enrolmentDecider).when(classify('essay')).thenThrows(NotFound, 'enrolment not found');
  });
});

describe('ModerateMark', () => {
  // Essay 72 released; exam 52 sampled as near the pass mark.
  const examSampled = [
    ...bothSubmitted,
    ...finalMark('essay', 72),
    markRecorded('exam', 52),
    markSampled('exam', 'near-boundary'),
  ];

  it('agrees a sampled mark: it is final as recorded and completes the outcome', () => {
    const { state } = given(enrolmentDecider, ...examSampled)
      .when(agree('exam'))
      .then([
        markModerated('exam', 52, 52),
        outcomeCalculated(outcomeOf('pass', 64, 'Merit', 72, 52)), // 43.2 + 20.8
      ]);

    expect(state).toMatchObject({ status: 'assessed' });
    expect(latestAttempt([...examSampled, markModerated('exam', 52, 52)], 'exam')).toMatchObject({
      mark: 52,
      classification: 'moderated',
      samplingReason: 'near-boundary',
      moderation: {
        moderatorId: MODERATOR_ID,
        decision: 'agreed',
        originalMark: 52,
        reason: 'Marking is consistent with the rubric',
      },
    });
  });

  it('adjusts a sampled mark: the outcome uses the moderated mark and the original is kept', () => {
    const moderated = markModerated('exam', 52, 58, { reason: 'Marked too harshly against criterion 3' });
    given(enrolmentDecider, ...examSampled)
      .when(adjust('exam', 58))
      .then([moderated, outcomeCalculated(outcomeOf('pass', 66, 'Merit', 72, 58))]); // 43.2 + 23.2 = 66.4

    expect(latestAttempt([...examSampled, moderated], 'exam')).toMatchObject({
      mark: 58,
      classification: 'moderated',
      moderation: { decision: 'adjusted', originalMark: 52 },
    });
  });

  it('adjusts a mark below the pass mark: the component is referred', () => {
    given(enrolmentDecider, ...examSampled)
      .when(adjust('exam', 45, 'Criterion 2 not met'))
      .then([
        markModerated('exam', 52, 45, { reason: 'Criterion 2 not met' }),
        outcomeCalculated(outcomeOf('referral', 61, null, 72, 45)), // 43.2 + 18
      ]);
  });

  it('calculates no outcome while another mark is not final', () => {
    given(
      enrolmentDecider,
      ...bothSubmitted,
      markRecorded('essay', 72),
      markRecorded('exam', 52),
      markSampled('exam', 'near-boundary'),
    )
      .when(agree('exam'))
      .then([markModerated('exam', 52, 52)]);
  });

  it('accepts an agreement that repeats the original mark', () => {
    given(enrolmentDecider, ...examSampled)
      .when({
        type: 'ModerateMark',
        data: { componentId: 'exam', moderatorId: MODERATOR_ID, decision: 'agreed', mark: 52, reason: 'Fair' },
        ...BY_APPOINTED_EXAMINER,
      })
      .then([
        markModerated('exam', 52, 52, { reason: 'Fair' }),
        expect.objectContaining({ type: 'OutcomeCalculated' }) as never,
      ]);
  });

  it('rejects an agreement that gives a different mark', () => {
    given(enrolmentDecider, ...examSampled)
      .when({
        type: 'ModerateMark',
        data: { componentId: 'exam', moderatorId: MODERATOR_ID, decision: 'agreed', mark: 55, reason: 'Fair' },
        ...BY_APPOINTED_EXAMINER,
      })
      .thenViolates('mark', 'must be left out when agreeing the original mark 52: adjust it instead');
  });

  it('rejects an adjustment to the same mark', () => {
    given(enrolmentDecider, ...examSampled)
      .when(adjust('exam', 52))
      .thenViolates('mark', 'must differ from the original mark 52: agree it instead');
  });

  it.each([undefined, 101, -1, 52.5])('rejects an adjustment to %p', (value) => {
    given(enrolmentDecider, ...examSampled)
      .when(adjust('exam', value))
      .thenViolates('mark', 'is required to adjust a mark and must be a whole number from 0 to 100');
  });

  it('reports every bad field at once', () => {
    given(enrolmentDecider, ...examSampled)
      .when({
        type: 'ModerateMark',
        data: { componentId: 'viva', moderatorId: ' ', decision: 'overruled' as 'agreed', reason: '' },
        ...BY_APPOINTED_EXAMINER,
      })
      .thenViolatesAll(['componentId', 'moderatorId', 'decision', 'reason']);
  });

  it('rejects a reason over 1000 characters', () => {
    given(enrolmentDecider, ...examSampled)
      .when(agree('exam', 'r'.repeat(1001)))
      .thenViolates('reason', 'must be 1-1000 characters');
  });

  it.each([
    ['released', [...bothSubmitted, ...finalMark('exam', 52)]],
    ['pending', [...bothSubmitted, markRecorded('exam', 52)]],
    [
      'already moderated',
      [...bothSubmitted, markRecorded('exam', 52), markSampled('exam', 'fail'), markModerated('exam', 52, 52)],
    ],
    ['not yet marked', bothSubmitted],
    ['not submitted', [enrolmentStarted()]],
  ])('refuses a mark that was not sampled (%s)', (_case, history) => {
    given(enrolmentDecider, ...history)
      .when(agree('exam'))
      .thenThrows(StateConflict, 'the mark of exam is not awaiting moderation');
  });

  it('refuses once the learner is withdrawn', () => {
    given(enrolmentDecider, ...withdrawn)
      .when(agree('essay'))
      .thenThrows(StateConflict, 'cannot moderate a mark: enrolment is withdrawn');
  });

  it('refuses once the outcome is confirmed', () => {
    given(enrolmentDecider, ...confirmed)
      .when(agree('essay'))
      .thenThrows(StateConflict, 'cannot moderate a mark: enrolment is confirmed');
  });

  it('refuses an enrolment that does not exist', () => {
    given(enrolmentDecider).when(agree('essay')).thenThrows(NotFound, 'enrolment not found');
  });
});

describe('AmendMark', () => {
  it('amends a pending mark with a reason, keeping the previous one', () => {
    const { state } = given(enrolmentDecider, ...bothSubmitted, markRecorded('essay', 64))
      .when(amendMark('essay', 46, '  Page 3 was not marked  '))
      .then([markAmended('essay', 64, 46, { reason: 'Page 3 was not marked' })]);

    expect(state).toMatchObject({
      attempts: {
        essay: [
          {
            mark: 46,
            markerId: MARKER_ID,
            classification: 'pending',
            amendments: [{ previousMark: 64, mark: 46, reason: 'Page 3 was not marked', amendedBy: MARKER_ID }],
          },
        ],
      },
    });
  });

  it('sends a released mark back for classification and sets aside the calculated outcome', () => {
    const { state } = given(enrolmentDecider, ...assessed)
      .when(amendMark('exam', 58))
      .then([markAmended('exam', 68, 58)]);

    expect(state).toMatchObject({
      status: 'active',
      outcome: null,
      attempts: { exam: [{ mark: 58, classification: 'pending' }] },
    });
  });

  it('recalculates the outcome from the amended mark once it is released', () => {
    given(enrolmentDecider, ...assessed, markAmended('exam', 68, 58))
      .when(classify('exam', { mark: 58 }))
      .then([markReleased('exam'), outcomeCalculated(outcomeOf('pass', 66, 'Merit', 72, 58))]); // 43.2 + 23.2 = 66.4
  });

  it("sends a moderated mark back to the moderator with the amendment's reason, never past them", () => {
    const history = [
      ...bothSubmitted,
      markRecorded('exam', 52),
      markSampled('exam', 'near-boundary'),
      markModerated('exam', 52, 55),
    ];
    const { state } = given(enrolmentDecider, ...history)
      .when(amendMark('exam', 65, 'Second page found'))
      .then([
        markAmended('exam', 55, 65, { reason: 'Second page found' }),
        markSampled('exam', 'amended', 1, 'Second page found'),
      ]);

    expect(state).toMatchObject({
      attempts: { exam: [{ mark: 65, classification: 'sampled', samplingReason: 'amended', moderation: null }] },
    });
  });

  it('keeps a systematic-sample mark amended by one point in moderation', () => {
    given(enrolmentDecider, ...bothSubmitted, markRecorded('essay', 64), markSampled('essay', 'systematic'))
      .when(amendMark('essay', 65))
      .then([markAmended('essay', 64, 65), markSampled('essay', 'amended', 1, 'Transcription error')]);
  });

  it('leaves an amended mark awaiting its moderator in moderation, as amended', () => {
    const history = [...bothSubmitted, markRecorded('essay', 45), markSampled('essay', 'fail')];
    const { state } = given(enrolmentDecider, ...history)
      .when(amendMark('essay', 47))
      .then([markAmended('essay', 45, 47), markSampled('essay', 'amended', 1, 'Transcription error')]);
    expect(state).toMatchObject({ attempts: { essay: [{ mark: 47, classification: 'sampled' }] } });
    // The runner's classification of the amended mark then changes nothing.
    given(enrolmentDecider, ...history, markAmended('essay', 45, 47), markSampled('essay', 'amended', 1, 'x'))
      .when(classify('essay', { mark: 47 }))
      .then([]);
  });

  it('sets aside a referral too: the outcome is recalculated from the amended mark', () => {
    const referred = [
      ...bothSubmitted,
      ...finalMark('essay', 42),
      ...finalMark('exam', 65),
      outcomeCalculated(outcomeOf('referral', 51, null, 42, 65)),
    ];
    const { state } = given(enrolmentDecider, ...referred)
      .when(amendMark('essay', 52))
      .then([markAmended('essay', 42, 52)]);

    expect(state).toMatchObject({ status: 'active', outcome: null });
    given(enrolmentDecider, ...referred, markAmended('essay', 42, 52))
      .when(classify('essay'))
      .then([markReleased('essay'), outcomeCalculated(outcomeOf('pass', 57, 'Pass', 52, 65))]); // 31.2 + 26
  });

  it('may amend while the enrolment is suspended', () => {
    given(enrolmentDecider, ...bothSubmitted, markRecorded('essay', 64), suspended('2026-02-25'))
      .when(amendMark('essay', 66))
      .then([markAmended('essay', 64, 66)]);
  });

  it('refuses once the outcome is confirmed: only the board may change it', () => {
    given(enrolmentDecider, ...confirmed)
      .when(amendMark('exam', 58))
      .thenThrows(StateConflict, 'the outcome is confirmed; ask the board to amend it');
  });

  it('rejects the same mark', () => {
    given(enrolmentDecider, ...assessed)
      .when(amendMark('exam', 68))
      .thenViolates('mark', 'must differ from the current mark 68');
  });

  it('refuses a component with no mark', () => {
    given(enrolmentDecider, ...bothSubmitted)
      .when(amendMark('exam', 58))
      .thenThrows(StateConflict, 'exam has no mark to amend');
  });

  it('refuses while the latest attempt awaits its mark (the earlier attempt is no longer current)', () => {
    given(
      enrolmentDecider,
      ...bothSubmitted,
      ...finalMark('essay', 42),
      ...finalMark('exam', 65),
      outcomeCalculated(outcomeOf('referral', 51, null, 42, 65)),
      workSubmitted('essay', 2, '2026-03-20T11:00:00.000Z'),
    )
      .when(amendMark('essay', 45))
      .thenThrows(StateConflict, 'essay has no mark to amend');
  });

  it.each([101, -1, 58.5])('rejects an amended mark of %p', (value) => {
    given(enrolmentDecider, ...assessed)
      .when(amendMark('exam', value))
      .thenViolates('mark', 'must be a whole number from 0 to 100');
  });

  it('reports every bad field at once', () => {
    given(enrolmentDecider, ...assessed)
      .when(amendMark('viva', 58, ' ', ''))
      .thenViolatesAll(['componentId', 'reason', 'amendedBy']);
  });

  it('refuses once the learner is withdrawn', () => {
    given(enrolmentDecider, ...withdrawn)
      .when(amendMark('essay', 65))
      .thenThrows(StateConflict, 'cannot amend a mark: enrolment is withdrawn');
  });

  it('refuses an enrolment that does not exist', () => {
    given(enrolmentDecider).when(amendMark('essay', 65)).thenThrows(NotFound, 'enrolment not found');
  });
});

describe('ClaimMitigatingCircumstances', () => {
  it('records the claim, trimmed, on the enrolment', () => {
    const { state } = given(enrolmentDecider, ...bothSubmitted)
      .when(claimMitigation('  Hospital admission during the examination week '))
      .then([mitigationClaimed()]);

    expect(state).toMatchObject({
      mitigatingCircumstances: [
        { reason: 'Hospital admission during the examination week', claimedAt: '2026-03-01T10:00:00.000Z' },
      ],
    });
  });

  it('may be claimed after the outcome is calculated, until it is confirmed', () => {
    given(enrolmentDecider, ...assessed)
      .when(claimMitigation())
      .then([mitigationClaimed()]);
  });

  it.each([
    ['confirmed', confirmed],
    ['withdrawn', withdrawn],
  ])('refuses once the enrolment is %s', (status, history) => {
    given(enrolmentDecider, ...history)
      .when(claimMitigation())
      .thenThrows(StateConflict, `cannot claim mitigating circumstances: enrolment is ${status}`);
  });

  it.each(['', '   ', 'r'.repeat(1001)])('rejects a reason of %j', (reason) => {
    given(enrolmentDecider, ...bothSubmitted)
      .when(claimMitigation(reason))
      .thenViolates('reason', 'must be 1-1000 characters');
  });

  it('refuses an enrolment that does not exist', () => {
    given(enrolmentDecider).when(claimMitigation()).thenThrows(NotFound, 'enrolment not found');
  });
});

describe('RaiseIntegrityFlag', () => {
  it('records the flag and who raised it', () => {
    const { state } = given(enrolmentDecider, ...bothSubmitted)
      .when(flagIntegrity())
      .then([integrityFlagRaised()]);

    expect(state).toMatchObject({
      integrityFlags: [{ reason: 'Similarity report 62%', raisedBy: MARKER_ID, raisedAt: '2026-03-01T10:00:00.000Z' }],
    });
  });

  it('may be raised after the outcome is calculated, until it is confirmed', () => {
    given(enrolmentDecider, ...assessed)
      .when(flagIntegrity())
      .then([integrityFlagRaised()]);
  });

  it.each([
    ['confirmed', confirmed],
    ['withdrawn', withdrawn],
  ])('refuses once the enrolment is %s', (status, history) => {
    given(enrolmentDecider, ...history)
      .when(flagIntegrity())
      .thenThrows(StateConflict, `cannot raise an integrity flag: enrolment is ${status}`);
  });

  it('reports every bad field at once', () => {
    given(enrolmentDecider, ...bothSubmitted)
      .when(flagIntegrity('r'.repeat(1001), ' '))
      .thenViolatesAll(['reason', 'raisedBy']);
  });

  it('refuses an enrolment that does not exist', () => {
    given(enrolmentDecider).when(flagIntegrity()).thenThrows(NotFound, 'enrolment not found');
  });
});

describe('ConfirmOutcome', () => {
  it('confirms the calculated pass with the learner and course from the enrolment', () => {
    const { state } = given(enrolmentDecider, ...assessed)
      .when(confirm())
      .then([outcomeConfirmed()]);

    expect(state).toMatchObject({
      status: 'confirmed',
      confirmation: { caseId: CASE_ID, boardId: BOARD_ID, result: 'pass' },
    });
  });

  it('confirms a fail with no grade', () => {
    const oneAttempt = { ...DATA_ETHICS_SCHEME, maxAttempts: 1 };
    given(
      enrolmentDecider,
      enrolmentStarted({ scheme: oneAttempt }),
      workSubmitted('essay'),
      workSubmitted('exam'),
      ...finalMark('essay', 80),
      ...finalMark('exam', 30),
      outcomeCalculated(outcomeOf('fail', 60, null, 80, 30)),
    )
      .when(confirm({ delegated: false, rationale: 'Exam below its pass mark; no attempts left' }))
      .then([
        outcomeConfirmed({
          result: 'fail',
          weightedMark: 60,
          grade: null,
          delegated: false,
          rationale: 'Exam below its pass mark; no attempts left',
        }),
      ]);
  });

  it('recalculates the result and grade from a board-amended mark', () => {
    given(enrolmentDecider, ...assessed)
      .when(confirm({ delegated: false, amendedMark: 68, rationale: '  Essay moderated down at the board  ' }))
      .then([
        outcomeConfirmed({
          weightedMark: 68,
          grade: 'Merit',
          amended: true,
          delegated: false,
          rationale: 'Essay moderated down at the board',
        }),
      ]);
  });

  it('fails an amended mark below the course pass mark', () => {
    given(enrolmentDecider, ...assessed)
      .when(confirm({ delegated: false, amendedMark: 49 }))
      .then([outcomeConfirmed({ result: 'fail', weightedMark: 49, grade: null, amended: true, delegated: false })]);
  });

  it("passes an amended mark at the course pass mark even when a component failed its own: the board's judgment prevails", () => {
    const oneAttempt = { ...DATA_ETHICS_SCHEME, maxAttempts: 1 };
    given(
      enrolmentDecider,
      enrolmentStarted({ scheme: oneAttempt }),
      workSubmitted('essay'),
      workSubmitted('exam'),
      ...finalMark('essay', 80),
      ...finalMark('exam', 30),
      outcomeCalculated(outcomeOf('fail', 60, null, 80, 30)),
    )
      .when(confirm({ delegated: false, amendedMark: 50 }))
      .then([outcomeConfirmed({ result: 'pass', weightedMark: 50, grade: 'Pass', amended: true, delegated: false })]);
  });

  it('does nothing when the same case confirms again (a replay)', () => {
    given(enrolmentDecider, ...confirmed)
      .when(confirm({ rationale: 'replayed' }))
      .then([]);
  });

  it('refuses a second confirmation from another case', () => {
    given(enrolmentDecider, ...confirmed)
      .when(confirm({ caseId: 'case-0002' }))
      .thenThrows(StateConflict, `the outcome is already confirmed by case ${CASE_ID}`);
  });

  it('refuses a referral: the learner may still resubmit', () => {
    given(
      enrolmentDecider,
      ...bothSubmitted,
      ...finalMark('essay', 42),
      ...finalMark('exam', 65),
      outcomeCalculated(outcomeOf('referral', 51, null, 42, 65)),
    )
      .when(confirm())
      .thenThrows(StateConflict, 'cannot confirm a referral: essay may be attempted again');
  });

  it('refuses before an outcome is calculated: the decision is for an outcome the enrolment does not have', () => {
    given(enrolmentDecider, ...bothSubmitted, markRecorded('essay', 72))
      .when(confirm())
      .thenThrows(
        StateConflict,
        /decided the outcome at version 8, but the enrolment has changed since \(now at version 0\)/,
      );
  });

  it('refuses an outcome set aside by an amended mark: the decision is superseded', () => {
    given(enrolmentDecider, ...assessed, markAmended('exam', 68, 58))
      .when(confirm())
      .thenThrows(
        StateConflict,
        `case ${CASE_ID} decided the outcome at version 8, but the enrolment has changed since (now at version 9): the decision is superseded`,
      );
  });

  it('refuses the old outcome once the amended mark gives a new one, even with the same case', () => {
    const recalculated = [
      ...assessed,
      markAmended('exam', 68, 58),
      markReleased('exam'),
      outcomeCalculated(outcomeOf('pass', 66, 'Merit', 72, 58)),
    ];
    given(enrolmentDecider, ...recalculated)
      .when(confirm())
      .thenThrows(StateConflict, /now at version 11/);
    given(enrolmentDecider, ...recalculated)
      .when(confirm({ outcomeVersion: 11 }))
      .then([outcomeConfirmed({ outcomeVersion: 11, weightedMark: 66, grade: 'Merit' })]);
  });

  it.each([
    ['mitigating circumstances', mitigationClaimed()],
    ['an integrity flag', integrityFlagRaised()],
  ])('refuses an outcome decided before %s were raised', (_what, raised) => {
    given(enrolmentDecider, ...assessed, raised)
      .when(confirm())
      .thenThrows(StateConflict, /now at version 9\): the decision is superseded/);
  });

  it('refuses a withdrawn enrolment', () => {
    given(enrolmentDecider, ...withdrawn)
      .when(confirm())
      .thenThrows(StateConflict, /the decision is superseded/);
  });

  it('rejects an outcome version that is not a whole number from 1', () => {
    given(enrolmentDecider, ...assessed)
      .when(confirm({ outcomeVersion: 0 }))
      .thenViolates('outcomeVersion', 'must be a whole number from 1');
  });

  it.each([101, -1, 68.5])('rejects an amended mark of %p', (amendedMark) => {
    given(enrolmentDecider, ...assessed)
      .when(confirm({ amendedMark }))
      .thenViolates('amendedMark', 'must be a whole number from 0 to 100');
  });

  it('rejects a rationale over 2000 characters', () => {
    given(enrolmentDecider, ...assessed)
      .when(confirm({ rationale: 'r'.repeat(2001) }))
      .thenViolates('rationale', 'must be 1-2000 characters');
  });

  it('reports every bad field at once', () => {
    given(enrolmentDecider, ...assessed)
      .when(confirm({ boardId: '', caseId: ' ', delegated: 'yes' as unknown as boolean, rationale: '' }))
      .thenViolatesAll(['boardId', 'caseId', 'delegated', 'rationale']);
  });

  it('refuses an enrolment that does not exist', () => {
    given(enrolmentDecider).when(confirm()).thenThrows(NotFound, 'enrolment not found');
  });

  it('closes the enrolment to further marks', () => {
    given(enrolmentDecider, ...confirmed)
      .when(mark('essay', 80))
      .thenThrows(StateConflict, 'cannot record a mark: enrolment is confirmed');
  });
});

describe('the deadline sweep and moderation', () => {
  it('does not withdraw a learner whose marks await moderation: no work is outstanding', () => {
    given(
      enrolmentDecider,
      ...bothSubmitted,
      ...finalMark('essay', 72),
      markRecorded('exam', 45),
      markSampled('exam', 'fail'),
    )
      .when(closeLapsed(), at('2026-05-03T02:00:00Z'))
      .thenThrows(StateConflict, 'no work is outstanding');
  });

  it('does not close a confirmed enrolment', () => {
    given(enrolmentDecider, ...confirmed)
      .when(closeLapsed(), at('2026-05-03T02:00:00Z'))
      .thenThrows(StateConflict, 'cannot close the enrolment: enrolment is confirmed');
  });
});
