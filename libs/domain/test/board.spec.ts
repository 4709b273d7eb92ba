import {
  boardDecider,
  Forbidden,
  NotFound,
  StateConflict,
  type BoardEvent,
  type BoardMember,
  type ConstituteBoard,
} from '#domain';
import { at, given } from './given-when-then.js';
import {
  boardConstituted,
  caseDecided,
  caseOpened,
  CHAIR,
  constituteBoard,
  DISTINCTION,
  EXTERNAL,
  INTERNAL,
  MEMBERS,
  openCase,
  OUTSIDER,
  voteOn,
  voteRecorded,
} from './board-fixtures.js';
import { COURSE_ID } from './fixtures.js';
import { BOARD_ID, CASE_ID } from './moderation-fixtures.js';

const constituted = boardConstituted();
const CONCERNS = ['mitigating circumstances claimed'];
const pendingCase = [constituted, caseOpened(CONCERNS)];

const caseIn = (events: BoardEvent[]) => {
  const state = given(boardDecider, ...events).state();
  return state.status === 'none' ? undefined : state.cases[CASE_ID];
};

describe('ConstituteBoard', () => {
  it('constitutes a board with delegated authority and a 3-mark boundary margin by default', () => {
    const { state } = given(boardDecider)
      .when(constituteBoard({ name: '  Data Science Micro-credentials Board ' }))
      .then([constituted]);

    expect(state).toMatchObject({
      status: 'constituted',
      boardId: BOARD_ID,
      delegatedAuthority: true,
      boundaryMargin: 3,
      cases: {},
    });
  });

  it('keeps an explicit margin and a board without delegated authority', () => {
    given(boardDecider)
      .when(constituteBoard({ delegatedAuthority: false, boundaryMargin: 0 }))
      .then([boardConstituted({ delegatedAuthority: false, boundaryMargin: 0 })]);
  });

  it('accepts a chair and one external examiner', () => {
    const members: BoardMember[] = [MEMBERS[0]!, MEMBERS[2]!];
    given(boardDecider)
      .when(constituteBoard({ members, boundaryMargin: 10 }))
      .then([boardConstituted({ members, boundaryMargin: 10 })]);
  });

  describe('rejects a bad field, naming it', () => {
    const chair: BoardMember = { memberId: CHAIR, name: 'Prof. Ngozi Okoye', role: 'chair' };
    const internal: BoardMember = { memberId: INTERNAL, name: 'Dr Min-jun Lee', role: 'internal' };

    it.each<[string, Partial<ConstituteBoard['data']>, string, string?]>([
      ['a blank board id', { boardId: ' ' }, 'boardId'],
      ['a blank name', { name: '' }, 'name', 'must be 1-200 characters'],
      ['no courses', { courseIds: [] }, 'courseIds', 'must list at least one course'],
      ['a blank course id', { courseIds: [COURSE_ID, ''] }, 'courseIds[1]'],
      ['a repeated course id', { courseIds: [COURSE_ID, COURSE_ID] }, 'courseIds[1]', 'must be unique'],
      [
        'no chair',
        { members: [internal, { ...internal, memberId: 'x', role: 'external' }] },
        'members',
        'must include exactly one chair (found 0)',
      ],
      [
        'two chairs',
        { members: [chair, { ...chair, memberId: 'chair-2' }, internal] },
        'members',
        'must include exactly one chair (found 2)',
      ],
      ['a chair alone', { members: [chair] }, 'members', 'must include at least one member besides the chair'],
      [
        'a repeated member id',
        { members: [chair, internal, { ...internal, role: 'external' }] },
        'members[2].memberId',
        'must be unique on the board',
      ],
      ['a blank member id', { members: [chair, { ...internal, memberId: '' }] }, 'members[1].memberId'],
      ['a blank member name', { members: [chair, { ...internal, name: ' ' }] }, 'members[1].name'],
      [
        'an unknown role',
        { members: [chair, { ...internal, role: 'observer' as 'internal' }] },
        'members[1].role',
        'must be one of chair, internal, external',
      ],
      ['a margin over 10', { boundaryMargin: 11 }, 'boundaryMargin', 'must be a whole number from 0 to 10'],
      ['a negative margin', { boundaryMargin: -1 }, 'boundaryMargin'],
      ['a fractional margin', { boundaryMargin: 2.5 }, 'boundaryMargin'],
      [
        'a delegated authority that is not a boolean',
        { delegatedAuthority: 'yes' as unknown as boolean },
        'delegatedAuthority',
      ],
    ])('%s', (_case, overrides, field, ...rule) => {
      given(boardDecider).when(constituteBoard(overrides)).thenViolates(field, rule[0]);
    });
  });

  it('reports every bad field at once', () => {
    given(boardDecider)
      .when(constituteBoard({ name: '', courseIds: [], members: [], boundaryMargin: 20 }))
      .thenViolatesAll(['name', 'courseIds', 'members', 'boundaryMargin']);
  });

  it('refuses to constitute the same board twice', () => {
    given(boardDecider, constituted)
      .when(constituteBoard())
      .thenThrows(StateConflict, `board ${BOARD_ID} is already constituted`);
  });
});

describe('OpenCase', () => {
  it('confirms a clean case at once under delegated authority', () => {
    const { state } = given(boardDecider, constituted)
      .when(openCase())
      .then([
        caseOpened(),
        caseDecided('confirm', ['delegated-authority'], {
          rationale: 'Clean case confirmed under delegated authority',
          delegated: true,
        }),
      ]);

    expect(state.status === 'none' ? undefined : state.cases[CASE_ID]).toMatchObject({
      status: 'decided',
      outcome: DISTINCTION,
      decision: { decision: 'confirm', delegated: true, decidedBy: ['delegated-authority'], mark: null },
    });
  });

  it('confirms a clean fail under delegated authority too', () => {
    const fail = { ...DISTINCTION, result: 'fail' as const, grade: null, weightedMark: 35 };
    const { events } = given(boardDecider, constituted)
      .when(openCase([], { outcome: fail }))
      .then([
        expect.objectContaining({ type: 'CaseOpened' }) as never,
        expect.objectContaining({ type: 'CaseDecided' }) as never,
      ]);

    expect(events[1]).toMatchObject({ data: { decision: 'confirm', delegated: true } });
  });

  it('queues a case with concerns for the board, trimming them', () => {
    const { state } = given(boardDecider, constituted)
      .when(openCase(['  mitigating circumstances claimed ']))
      .then([caseOpened(CONCERNS)]);

    expect(state.status === 'none' ? undefined : state.cases[CASE_ID]).toMatchObject({
      status: 'pending',
      concerns: CONCERNS,
      votes: [],
      decision: null,
    });
  });

  it('queues even a clean case when the board has no delegated authority', () => {
    given(boardDecider, boardConstituted({ delegatedAuthority: false }))
      .when(openCase())
      .then([caseOpened()]);
  });

  it('does nothing when the same case is opened again (a replay)', () => {
    given(boardDecider, ...pendingCase)
      .when(openCase())
      .then([]);
  });

  it("refuses a course that is not one of the board's", () => {
    given(boardDecider, constituted)
      .when(openCase([], { courseId: 'crs-history' }))
      .thenThrows(StateConflict, "course crs-history is not one of this board's courses");
  });

  it('rejects a referral: it is not yet an outcome for the board', () => {
    given(boardDecider, constituted)
      .when(
        openCase([], { outcome: { ...DISTINCTION, result: 'referral', grade: null, referredComponents: ['exam'] } }),
      )
      .thenViolates('outcome.result', 'must be pass or fail');
  });

  it('rejects a blank concern', () => {
    given(boardDecider, constituted)
      .when(openCase(['near a boundary', ' ']))
      .thenViolates('concerns[1]', 'must be 1-1000 characters');
  });

  it('reports every bad field at once', () => {
    given(boardDecider, constituted)
      .when(openCase([], { caseId: '', enrolmentId: ' ', learnerId: '', courseId: '' }))
      .thenViolatesAll(['caseId', 'enrolmentId', 'learnerId', 'courseId']);
  });

  it('refuses a board that is not constituted', () => {
    given(boardDecider).when(openCase()).thenThrows(NotFound, 'board not found');
  });
});

describe('VoteOnCase', () => {
  it('records a vote; the chair alone is not a quorum', () => {
    const { state } = given(boardDecider, ...pendingCase)
      .when(voteOn(CHAIR, 'confirm', '  Claim does not affect the marks  '))
      .then([voteRecorded(CHAIR, 'confirm', 'Claim does not affect the marks')]);

    expect(state.status === 'none' ? undefined : state.cases[CASE_ID]).toMatchObject({
      status: 'pending',
      votes: [{ memberId: CHAIR, decision: 'confirm' }],
    });
  });

  it('decides when the chair and another member agree, with the deciding vote as the rationale', () => {
    const { state } = given(boardDecider, ...pendingCase, voteRecorded(CHAIR, 'confirm'))
      .when(voteOn(INTERNAL, 'confirm', 'Agree with the chair'), at('2026-03-02T15:00:00Z'))
      .then([
        voteRecorded(INTERNAL, 'confirm', 'Agree with the chair', null, '2026-03-02T15:00:00.000Z'),
        caseDecided('confirm', [CHAIR, INTERNAL], {
          rationale: 'Agree with the chair',
          decidedAt: '2026-03-02T15:00:00.000Z',
        }),
      ]);

    expect(state.status === 'none' ? undefined : state.cases[CASE_ID]).toMatchObject({
      status: 'decided',
      decision: { decision: 'confirm', decidedBy: [CHAIR, INTERNAL], delegated: false },
    });
  });

  it('decides when the chair votes last, with the external examiner', () => {
    given(boardDecider, ...pendingCase, voteRecorded(EXTERNAL, 'confirm'))
      .when(voteOn(CHAIR, 'confirm'))
      .then([voteRecorded(CHAIR, 'confirm'), caseDecided('confirm', [EXTERNAL, CHAIR])]);
  });

  it('names every member who voted the same way', () => {
    given(boardDecider, ...pendingCase, voteRecorded(INTERNAL, 'confirm'), voteRecorded(EXTERNAL, 'confirm'))
      .when(voteOn(CHAIR, 'confirm'))
      .then([voteRecorded(CHAIR, 'confirm'), caseDecided('confirm', [INTERNAL, EXTERNAL, CHAIR])]);
  });

  it('does not decide on two members without the chair', () => {
    const { state } = given(boardDecider, ...pendingCase, voteRecorded(INTERNAL, 'confirm'))
      .when(voteOn(EXTERNAL, 'confirm'))
      .then([voteRecorded(EXTERNAL, 'confirm')]);

    expect(state.status === 'none' ? undefined : state.cases[CASE_ID]?.status).toBe('pending');
  });

  it('does not decide when the chair and the member differ', () => {
    given(boardDecider, ...pendingCase, voteRecorded(CHAIR, 'confirm'))
      .when(voteOn(INTERNAL, 'amend', 'Essay was over-marked', 66))
      .then([voteRecorded(INTERNAL, 'amend', 'Essay was over-marked', 66)]);
  });

  it('amends when the chair and a member agree on the same mark', () => {
    given(boardDecider, ...pendingCase, voteRecorded(CHAIR, 'amend', 'Essay over-marked', 66))
      .when(voteOn(EXTERNAL, 'amend', 'Agreed: 66', 66))
      .then([
        voteRecorded(EXTERNAL, 'amend', 'Agreed: 66', 66),
        caseDecided('amend', [CHAIR, EXTERNAL], { rationale: 'Agreed: 66', mark: 66 }),
      ]);
  });

  it('does not amend when they want different marks', () => {
    given(boardDecider, ...pendingCase, voteRecorded(CHAIR, 'amend', 'Essay over-marked', 66))
      .when(voteOn(EXTERNAL, 'amend', 'Over-marked more than that', 64))
      .then([voteRecorded(EXTERNAL, 'amend', 'Over-marked more than that', 64)]);
  });

  it('lets a member change their vote within a round: the latest counts', () => {
    const history = [
      ...pendingCase,
      voteRecorded(CHAIR, 'confirm'),
      voteRecorded(INTERNAL, 'amend', 'Over-marked', 66),
    ];

    given(boardDecider, ...history)
      .when(voteOn(INTERNAL, 'confirm', 'On reflection, confirm'))
      .then([
        voteRecorded(INTERNAL, 'confirm', 'On reflection, confirm'),
        caseDecided('confirm', [CHAIR, INTERNAL], { rationale: 'On reflection, confirm' }),
      ]);
    expect(caseIn(history)?.votes).toHaveLength(2);
  });

  it("counts only a member's latest vote: the chair's changed vote no longer makes a quorum", () => {
    given(
      boardDecider,
      ...pendingCase,
      voteRecorded(CHAIR, 'confirm'),
      voteRecorded(CHAIR, 'defer', 'Wait for the medical evidence'),
    )
      .when(voteOn(INTERNAL, 'confirm'))
      .then([voteRecorded(INTERNAL, 'confirm')]);
  });

  it('defers the case when a quorum defers, opening a new round of votes', () => {
    const deferral = [
      ...pendingCase,
      voteRecorded(INTERNAL, 'confirm'),
      voteRecorded(CHAIR, 'defer', 'Awaiting evidence'),
    ];
    given(boardDecider, ...deferral)
      .when(voteOn(EXTERNAL, 'defer', 'Awaiting evidence'))
      .then([
        voteRecorded(EXTERNAL, 'defer', 'Awaiting evidence'),
        caseDecided('defer', [CHAIR, EXTERNAL], { rationale: 'Awaiting evidence' }),
      ]);

    const deferred = [
      ...deferral,
      voteRecorded(EXTERNAL, 'defer', 'Awaiting evidence'),
      caseDecided('defer', [CHAIR, EXTERNAL]),
    ];
    expect(caseIn(deferred)).toMatchObject({ status: 'deferred', votes: [], decision: null });
    // The internal member's confirm was in the first round: the chair's confirm now stands alone.
    given(boardDecider, ...deferred)
      .when(voteOn(CHAIR, 'confirm'))
      .then([voteRecorded(CHAIR, 'confirm')]);
    given(boardDecider, ...deferred, voteRecorded(CHAIR, 'confirm'))
      .when(voteOn(INTERNAL, 'confirm'))
      .then([voteRecorded(INTERNAL, 'confirm'), caseDecided('confirm', [CHAIR, INTERNAL])]);
  });

  it.each([undefined, 101, -1, 66.5])('rejects an amend vote with a mark of %p', (mark) => {
    given(boardDecider, ...pendingCase)
      .when(voteOn(CHAIR, 'amend', 'Over-marked', mark))
      .thenViolates('mark', 'is required to amend and must be a whole number from 0 to 100');
  });

  it.each(['confirm', 'defer'] as const)('rejects a mark on a %s vote', (decision) => {
    given(boardDecider, ...pendingCase)
      .when(voteOn(CHAIR, decision, 'Fine', 66))
      .thenViolates('mark', 'must be left out unless the decision is amend');
  });

  it.each(['', ' ', 'r'.repeat(2001)])('rejects a rationale of %j', (rationale) => {
    given(boardDecider, ...pendingCase)
      .when(voteOn(CHAIR, 'confirm', rationale))
      .thenViolates('rationale', 'must be 1-2000 characters');
  });

  it('rejects an unknown decision', () => {
    given(boardDecider, ...pendingCase)
      .when(voteOn(CHAIR, 'overturn' as 'confirm'))
      .thenViolates('decision', 'must be one of confirm, amend, defer');
  });

  it("refuses a vote from someone not on the board (403): a member decides only their own boards' cases", () => {
    given(boardDecider, ...pendingCase)
      .when(voteOn(OUTSIDER, 'confirm'))
      .thenThrows(
        Forbidden,
        `${OUTSIDER} is not a member of Data Science Micro-credentials Board: a member decides only their own boards' cases`,
      );
  });

  it('refuses a vote on a decided case', () => {
    given(
      boardDecider,
      ...pendingCase,
      voteRecorded(CHAIR, 'confirm'),
      voteRecorded(INTERNAL, 'confirm'),
      caseDecided('confirm', [CHAIR, INTERNAL]),
    )
      .when(voteOn(EXTERNAL, 'amend', 'Late view', 66))
      .thenThrows(StateConflict, `case ${CASE_ID} is already decided`);
  });

  it('refuses a vote on a case confirmed under delegated authority', () => {
    given(boardDecider, constituted, caseOpened(), caseDecided('confirm', ['delegated-authority'], { delegated: true }))
      .when(voteOn(CHAIR, 'defer'))
      .thenThrows(StateConflict, `case ${CASE_ID} is already decided`);
  });

  it('refuses a case that was never opened', () => {
    given(boardDecider, constituted).when(voteOn(CHAIR, 'confirm')).thenThrows(NotFound, `case ${CASE_ID} not found`);
  });

  it('refuses a board that is not constituted', () => {
    given(boardDecider).when(voteOn(CHAIR, 'confirm')).thenThrows(NotFound, 'board not found');
  });
});
