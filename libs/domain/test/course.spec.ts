import {
  courseDecider,
  NotFound,
  StateConflict,
  type CourseEvent,
  type CourseState,
  type DefineCourse,
  type Framework,
} from '#domain';
import { at, given } from './given-when-then.js';
import { COURSE_ID, courseDefined, defineCourse, MARKER_ID, tutorAssigned, tutorReleased } from './fixtures.js';

const DEFINED_AT = at('2026-01-10T09:00:00Z');

/** Defines a course from the Data Ethics payload with `overrides` and returns the CourseDefined data. */
const definedWith = (overrides: Partial<DefineCourse['data']>) => {
  const events = courseDecider.decide(defineCourse(overrides), courseDecider.initialState, DEFINED_AT);
  expect(events).toHaveLength(1);
  const [event] = events as [Extract<CourseEvent, { type: 'CourseDefined' }>];
  expect(event.type).toBe('CourseDefined');
  return event.data;
};

describe('DefineCourse', () => {
  it('defines a valid course with every default filled in', () => {
    const { state } = given(courseDecider)
      .when(defineCourse(), DEFINED_AT)
      .then([courseDefined({ version: 1 })]); // passMark 50 (FHEQ 7), ECTS 7.5, 2 attempts, component pass marks 50, GB

    expect(state).toMatchObject({
      status: 'defined',
      courseId: COURSE_ID,
      lifecycle: 'draft',
      version: 1,
      passMark: 50,
      withdrawnFrom: null,
      tutorIds: [],
    });
  });

  it('assigns the tutors it is given, one TutorAssigned each after CourseDefined, in order', () => {
    const { events, state } = given(courseDecider)
      .when(defineCourse({ tutorIds: ['tutor-b', 'tutor-a'] }), DEFINED_AT)
      .then([courseDefined({ version: 1 }), tutorAssigned('tutor-b'), tutorAssigned('tutor-a')]);

    // Awards copy the definition: the tutors must not be part of it.
    expect(events[0]!.data).not.toHaveProperty('tutorIds');
    expect(state).toMatchObject({ status: 'defined', tutorIds: ['tutor-b', 'tutor-a'] });
  });

  it('accepts an empty tutor list, 200 tutors, and a tutor id of 128 characters', () => {
    given(courseDecider)
      .when(defineCourse({ tutorIds: [] }), DEFINED_AT)
      .then([courseDefined({ version: 1 })]);

    const many = Array.from({ length: 200 }, (_, i) => `tutor-${i}`);
    const { state } = given(courseDecider)
      .when(defineCourse({ tutorIds: many }), DEFINED_AT)
      .then([courseDefined({ version: 1 }), ...many.map((id) => tutorAssigned(id))]);
    expect(state).toMatchObject({ tutorIds: many });

    given(courseDecider)
      .when(defineCourse({ tutorIds: ['t'.repeat(128)] }), DEFINED_AT)
      .then([courseDefined({ version: 1 }), tutorAssigned('t'.repeat(128))]);
  });

  it.each<[Framework, number, number]>([
    ['FHEQ', 4, 40],
    ['FHEQ', 5, 40],
    ['FHEQ', 6, 40],
    ['FHEQ', 7, 50],
    ['FHEQ', 8, 50],
    ['CQFW', 6, 40],
    ['CQFW', 7, 50],
    ['SCQF', 10, 40],
    ['SCQF', 11, 50],
    ['SCQF', 12, 50],
  ])('defaults the pass mark at %s level %i to %i, for the course and each component', (framework, level, passMark) => {
    const course = definedWith({ level: { framework, level } });

    expect(course.passMark).toBe(passMark);
    expect(course.components.map((c) => c.passMark)).toEqual([passMark, passMark]);
  });

  it.each([
    [15, 7.5],
    [20, 10],
    [40, 20],
  ])('gives %i CATS credits as %d ECTS credits', (credits, ects) => {
    expect(definedWith({ credits }).ectsCredits).toBe(ects);
  });

  it('defaults component pass marks to an explicit course pass mark and keeps explicit component pass marks', () => {
    const course = definedWith({
      passMark: 45,
      components: [
        { id: 'essay', title: 'Case-study essay', weight: 60 },
        { id: 'exam', title: 'Online examination', weight: 40, passMark: 35 },
      ],
    });

    expect(course.passMark).toBe(45);
    expect(course.components).toEqual([
      { id: 'essay', title: 'Case-study essay', weight: 60, passMark: 45 },
      { id: 'exam', title: 'Online examination', weight: 40, passMark: 35 },
    ]);
  });

  it('keeps the optional fields it is given', () => {
    const course = definedWith({
      maxAttempts: 3,
      issuerCountry: 'IE',
      psrb: { body: 'BCS, The Chartered Institute for IT', recognition: 'Counts towards CITP CPD' },
      qualityAssurance: 'Validated by the Northbridge Academic Board',
      assessmentType: 'Coursework and timed online examination',
      withdrawnFrom: '2027-09-01',
      maxEngagementDays: 730,
    });

    expect(course).toMatchObject({
      maxAttempts: 3,
      issuerCountry: 'IE',
      psrb: { body: 'BCS, The Chartered Institute for IT', recognition: 'Counts towards CITP CPD' },
      qualityAssurance: 'Validated by the Northbridge Academic Board',
      assessmentType: 'Coursework and timed online examination',
      withdrawnFrom: '2027-09-01',
      maxEngagementDays: 730,
    });
  });

  it('trims the free text it records', () => {
    const course = definedWith({
      code: ' DE701 ',
      title: '  Data Ethics ',
      awardingBody: 'University of Northbridge  ',
      aims: '  To think clearly about data.  ',
      learningOutcomes: ['  Evaluate a system  '],
      components: [{ id: 'essay', title: ' Essay ', weight: 100 }],
    });

    expect(course).toMatchObject({
      code: 'DE701',
      title: 'Data Ethics',
      awardingBody: 'University of Northbridge',
      aims: 'To think clearly about data.',
      learningOutcomes: ['Evaluate a system'],
      components: [{ id: 'essay', title: 'Essay', weight: 100, passMark: 50 }],
      assessmentType: 'Essay',
    });
  });

  describe('rejects a bad field, naming it', () => {
    it.each<[string, Partial<DefineCourse['data']>, string, string?]>([
      ['an empty code', { code: '' }, 'code', '1-20 characters'],
      ['a code over 20 characters', { code: 'DATA-ETHICS-2026-PG-01' }, 'code'],
      ['a blank title', { title: '   ' }, 'title'],
      ['a title over 200 characters', { title: 'D'.repeat(201) }, 'title'],
      ['a missing awarding body', { awardingBody: '' }, 'awardingBody'],
      ['non-integer credits', { credits: 7.5 }, 'credits', 'whole number of CATS credits'],
      ['zero credits', { credits: 0 }, 'credits', 'from 1 to 540'],
      ['negative credits', { credits: -15 }, 'credits'],
      [
        'an unknown framework',
        { level: { framework: 'NQF' as Framework, level: 7 } },
        'level.framework',
        'FHEQ, SCQF, CQFW, RQF',
      ],
      [
        'FHEQ level 3 (not higher education)',
        { level: { framework: 'FHEQ', level: 3 } },
        'level.level',
        '4, 5, 6, 7, 8 in FHEQ',
      ],
      ['FHEQ level 9', { level: { framework: 'FHEQ', level: 9 } }, 'level.level'],
      [
        'SCQF level 13',
        { level: { framework: 'SCQF', level: 13 } },
        'level.level',
        '1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 in SCQF',
      ],
      ['RQF level 0 (Entry levels are not offered)', { level: { framework: 'RQF', level: 0 } }, 'level.level'],
      ['a fractional level', { level: { framework: 'CQFW', level: 6.5 } }, 'level.level'],
      ['a HECoS code of 5 digits', { hecosCodes: ['10036'] }, 'hecosCodes[0]', '6-digit HECoS code'],
      ['a HECoS code of 7 digits', { hecosCodes: ['100366', '1003661'] }, 'hecosCodes[1]'],
      ['a HECoS code with a letter', { hecosCodes: ['10036A'] }, 'hecosCodes[0]'],
      ['no HECoS codes', { hecosCodes: [] }, 'hecosCodes', '1 to 5'],
      ['six HECoS codes', { hecosCodes: ['100366', '100367', '100368', '100369', '100370', '100371'] }, 'hecosCodes'],
      ['a CAH code with a one-digit part', { cahCode: 'CAH11-1-01' }, 'cahCode', 'CAH11-01-01'],
      ['a lower-case CAH code', { cahCode: 'cah11-01-01' }, 'cahCode'],
      ['a CAH code without its prefix', { cahCode: '11-01-01' }, 'cahCode'],
      [
        'an unknown mode of learning',
        { modeOfLearning: 'distance' as 'online' },
        'modeOfLearning',
        'online, in-person, blended, work-based',
      ],
      ['empty aims', { aims: '' }, 'aims'],
      ['no learning outcomes', { learningOutcomes: [] }, 'learningOutcomes', 'at least one'],
      ['a blank learning outcome', { learningOutcomes: ['Evaluate a system', ' '] }, 'learningOutcomes[1]'],
      ['no components', { components: [] }, 'components', '1 to 10 assessment components'],
      [
        'eleven components',
        {
          components: Array.from({ length: 11 }, (_, i) => ({
            id: `c${i}`,
            title: `Task ${i}`,
            weight: i === 0 ? 0 : 10,
          })),
        },
        'components',
        '1 to 10',
      ],
      [
        'duplicate component ids',
        {
          components: [
            { id: 'essay', title: 'Essay', weight: 50 },
            { id: 'essay', title: 'Essay 2', weight: 50 },
          ],
        },
        'components[1].id',
        'unique within the course',
      ],
      [
        'weights that do not sum to 100',
        {
          components: [
            { id: 'essay', title: 'Essay', weight: 60 },
            { id: 'exam', title: 'Exam', weight: 30 },
          ],
        },
        'components',
        'weights must sum to 100 (they sum to 90)',
      ],
      [
        'weights that sum past 100',
        {
          components: [
            { id: 'essay', title: 'Essay', weight: 60 },
            { id: 'exam', title: 'Exam', weight: 50 },
          ],
        },
        'components',
        'they sum to 110',
      ],
      [
        'a zero weight',
        {
          components: [
            { id: 'essay', title: 'Essay', weight: 100 },
            { id: 'exam', title: 'Exam', weight: 0 },
          ],
        },
        'components[1].weight',
      ],
      [
        'an upper-case component id',
        { components: [{ id: 'Essay', title: 'Essay', weight: 100 }] },
        'components[0].id',
        'lowercase',
      ],
      ['a blank component title', { components: [{ id: 'essay', title: '', weight: 100 }] }, 'components[0].title'],
      [
        'a component pass mark over 100',
        { components: [{ id: 'essay', title: 'Essay', weight: 100, passMark: 101 }] },
        'components[0].passMark',
        'from 0 to 100',
      ],
      ['a pass mark of 0', { passMark: 0 }, 'passMark', 'from 1 to 100'],
      ['a pass mark of 101', { passMark: 101 }, 'passMark'],
      ['a fractional pass mark', { passMark: 49.5 }, 'passMark'],
      ['maxEngagementDays of 0', { maxEngagementDays: 0 }, 'maxEngagementDays', 'from 1 to 730'],
      ['maxEngagementDays over two years', { maxEngagementDays: 731 }, 'maxEngagementDays'],
      ['fractional maxEngagementDays', { maxEngagementDays: 89.5 }, 'maxEngagementDays'],
      ['maxAttempts of 0', { maxAttempts: 0 }, 'maxAttempts', 'from 1 to 3'],
      ['maxAttempts of 4', { maxAttempts: 4 }, 'maxAttempts'],
      ['a lower-case issuer country', { issuerCountry: 'gb' }, 'issuerCountry', 'ISO 3166-1 alpha-2'],
      ['a three-letter issuer country', { issuerCountry: 'GBR' }, 'issuerCountry'],
      ['a withdrawal date that does not exist', { withdrawnFrom: '2026-02-30' }, 'withdrawnFrom', 'YYYY-MM-DD'],
      ['a withdrawal date in UK format', { withdrawnFrom: '01/09/2026' }, 'withdrawnFrom'],
      ['a PSRB without a body', { psrb: { body: '', recognition: 'Accredited' } }, 'psrb.body'],
      ['a PSRB without its recognition', { psrb: { body: 'BCS', recognition: ' ' } }, 'psrb.recognition'],
      [
        'tutorIds that is not a list',
        { tutorIds: 'tutor-1' as unknown as string[] },
        'tutorIds',
        'at most 200 tutor ids',
      ],
      ['201 tutors', { tutorIds: Array.from({ length: 201 }, (_, i) => `tutor-${i}`) }, 'tutorIds', 'at most 200'],
      ['an empty tutor id', { tutorIds: ['tutor-1', ''] }, 'tutorIds[1]', '1-128 characters without spaces'],
      ['a tutor id with a space', { tutorIds: ['tutor one'] }, 'tutorIds[0]', 'without spaces'],
      ['a tutor id of 129 characters', { tutorIds: ['t'.repeat(129)] }, 'tutorIds[0]', '1-128 characters'],
      ['a tutor id that is not text', { tutorIds: [42 as unknown as string] }, 'tutorIds[0]'],
      [
        'the same tutor twice',
        { tutorIds: ['tutor-1', 'tutor-2', 'tutor-1'] },
        'tutorIds[2]',
        'unique within the course',
      ],
    ])('%s', (_case, overrides, field, ...rule) => {
      // `rule` is a rest parameter: jest would pass its `done` callback to a 4th parameter a row lacks.
      given(courseDecider).when(defineCourse(overrides)).thenViolates(field, rule[0]);
    });
  });

  it('reports every bad field at once', () => {
    const violations = given(courseDecider)
      .when(
        defineCourse({ code: '', credits: 0, cahCode: 'CAH1', modeOfLearning: 'remote' as 'online', components: [] }),
      )
      .thenViolatesAll(['code', 'credits', 'cahCode', 'modeOfLearning', 'components']);

    expect(violations).toHaveLength(5);
  });

  describe('rejects a course big enough to be a macro-credential', () => {
    it('60 credits at FHEQ 7 is a PgCert: award the macro-credential instead', () => {
      const [violation] = given(courseDecider)
        .when(defineCourse({ credits: 60 }))
        .thenViolates('credits');

      expect(violation?.rule).toBe(
        'must be below 60 at FHEQ level 7: 60 credits is a Postgraduate Certificate (PgCert); award the macro-credential instead',
      );
    });

    it.each<[number, Framework, number, string]>([
      [75, 'FHEQ', 7, 'Postgraduate Certificate (PgCert)'],
      [540, 'FHEQ', 8, 'Doctoral degree'],
      [60, 'FHEQ', 6, 'Graduate Certificate'],
      [120, 'FHEQ', 4, 'Certificate of Higher Education (CertHE) or Higher National Certificate (HNC)'],
      [240, 'FHEQ', 5, 'Diploma of Higher Education (DipHE) or Foundation Degree or Higher National Diploma (HND)'],
      [60, 'CQFW', 7, 'Postgraduate Certificate (PgCert)'],
      [120, 'RQF', 4, 'Certificate of Higher Education (CertHE) or Higher National Certificate (HNC)'],
      [60, 'SCQF', 11, 'Postgraduate Certificate (PgCert)'],
      [96, 'SCQF', 7, 'Higher National Certificate (HNC)'],
      [72, 'SCQF', 6, 'National Certificate'],
      [540, 'SCQF', 12, 'Doctoral degree'],
    ])('%i credits at %s level %i (%s)', (credits, framework, level, award) => {
      given(courseDecider)
        .when(defineCourse({ credits, level: { framework, level } }))
        .thenViolates('credits', `is a ${award}; award the macro-credential instead`);
    });

    it.each<[number, Framework, number]>([
      [55, 'FHEQ', 7],
      [59, 'FHEQ', 7],
      [100, 'FHEQ', 4],
      [119, 'FHEQ', 4],
      [59, 'SCQF', 11],
      [95, 'SCQF', 7],
      [120, 'FHEQ', 5], // a CertHE is a level 4 award: 120 credits at level 5 are not one
      [60, 'FHEQ', 8], // nor is a PgCert (level 7) made at level 8
      [60, 'SCQF', 12],
      [71, 'SCQF', 5],
      [40, 'SCQF', 1], // no award at SCQF 1 is made of credit
      [120, 'RQF', 3], // RQF sizes name a qualification (a Diploma) but do not make one a macro-award
      [30, 'CQFW', 2],
    ])('but accepts %i credits at %s level %i', (credits, framework, level) => {
      const course = definedWith({ credits, level: { framework, level } });

      expect(course).toMatchObject({ credits, ectsCredits: credits / 2, level: { framework, level } });
    });
  });

  it('refuses to define the same course twice', () => {
    given(courseDecider, courseDefined())
      .when(defineCourse({ title: 'Data Ethics (revised)' }))
      .thenThrows(StateConflict, 'course DE701 is already defined');
  });
});

describe('ScheduleCourseWithdrawal', () => {
  const withdraw = (withdrawnFrom: string, reason = '  Replaced by DE702 Responsible AI  ') =>
    ({ type: 'ScheduleCourseWithdrawal', data: { courseId: COURSE_ID, withdrawnFrom, reason } }) as const;

  it('schedules the withdrawal with a trimmed reason and records the date on the course', () => {
    const { state } = given(courseDecider, courseDefined())
      .when(withdraw('2026-09-01'))
      .then([
        {
          type: 'CourseWithdrawalScheduled',
          data: { courseId: COURSE_ID, withdrawnFrom: '2026-09-01', reason: 'Replaced by DE702 Responsible AI' },
        },
      ]);

    expect(state).toMatchObject({ status: 'defined', withdrawnFrom: '2026-09-01', title: 'Data Ethics' });
  });

  it('can move a withdrawal that has not happened yet', () => {
    given(courseDecider, courseDefined({ withdrawnFrom: '2026-09-01' }))
      .when(withdraw('2026-07-01', 'Brought forward'))
      .then([
        {
          type: 'CourseWithdrawalScheduled',
          data: { courseId: COURSE_ID, withdrawnFrom: '2026-07-01', reason: 'Brought forward' },
        },
      ]);
  });

  it.each([
    ['2026-03-01', 'today'],
    ['2026-01-31', 'in the past'],
  ])('refuses once the course is already withdrawn (from %s, %s)', (withdrawnFrom) => {
    given(courseDecider, courseDefined({ withdrawnFrom }))
      .when(withdraw('2026-09-01'))
      .thenThrows(StateConflict, `was already withdrawn from ${withdrawnFrom}`);
  });

  it('rejects a bad date', () => {
    given(courseDecider, courseDefined()).when(withdraw('2026-9-1')).thenViolates('withdrawnFrom', 'YYYY-MM-DD');
  });

  it('rejects a blank reason', () => {
    given(courseDecider, courseDefined()).when(withdraw('2026-09-01', '  ')).thenViolates('reason');
  });

  it('refuses a course that is not defined', () => {
    given(courseDecider).when(withdraw('2026-09-01')).thenThrows(NotFound, `course ${COURSE_ID} not found`);
  });
});

describe('AssignTutor', () => {
  const assign = (tutorId: unknown, assignedBy?: string) =>
    ({
      type: 'AssignTutor',
      data: { courseId: COURSE_ID, tutorId: tutorId as string, ...(assignedBy === undefined ? {} : { assignedBy }) },
      tutorIsEnrolledLearner: false,
    }) as const;

  it('assigns a tutor, recording who assigned them', () => {
    const { state } = given(courseDecider, courseDefined())
      .when(assign('tutor-7', 'registry-1'))
      .then([tutorAssigned('tutor-7', 'registry-1')]);

    expect(state).toMatchObject({ status: 'defined', tutorIds: ['tutor-7'] });
  });

  it('adds to the tutors already assigned, without assignedBy when none is given', () => {
    const { state } = given(courseDecider, courseDefined(), tutorAssigned('tutor-1'))
      .when(assign('tutor-2'))
      .then([tutorAssigned('tutor-2')]);

    expect(state).toMatchObject({ tutorIds: ['tutor-1', 'tutor-2'] });
  });

  it('can assign a released tutor again', () => {
    given(courseDecider, courseDefined(), tutorAssigned(), tutorReleased())
      .when(assign(MARKER_ID))
      .then([tutorAssigned()]);
  });

  it('refuses a tutor who is already assigned', () => {
    given(courseDecider, courseDefined(), tutorAssigned())
      .when(assign(MARKER_ID, 'registry-1'))
      .thenThrows(StateConflict, `tutor ${MARKER_ID} is already assigned to course DE701`);
  });

  it('refuses a course that is not defined', () => {
    given(courseDecider).when(assign('tutor-7')).thenThrows(NotFound, `course ${COURSE_ID} not found`);
  });

  it.each<[string, unknown, string?]>([
    ['an empty tutor id', ''],
    ['a tutor id with a space', 'tutor 7'],
    ['a tutor id with a control character', 'tutor\u00007'],
    ['a tutor id of 129 characters', 't'.repeat(129)],
    ['a tutor id that is not text', 7],
  ])('rejects %s, naming tutorId', (_case, tutorId) => {
    given(courseDecider, courseDefined())
      .when(assign(tutorId))
      .thenViolates('tutorId', '1-128 characters without spaces');
  });

  it('rejects a blank assignedBy', () => {
    given(courseDecider, courseDefined()).when(assign('tutor-7', ' ')).thenViolates('assignedBy');
  });
});

describe('ReleaseTutor', () => {
  const release = (tutorId: unknown, reason: unknown = '  Moved to another programme  ') =>
    ({
      type: 'ReleaseTutor',
      data: { courseId: COURSE_ID, tutorId: tutorId as string, reason: reason as string },
    }) as const;

  it('releases an assigned tutor with a trimmed reason', () => {
    const { state } = given(courseDecider, courseDefined(), tutorAssigned('tutor-1'), tutorAssigned('tutor-2'))
      .when(release('tutor-1'))
      .then([tutorReleased('tutor-1', 'Moved to another programme')]);

    expect(state).toMatchObject({ tutorIds: ['tutor-2'] });
  });

  it.each([
    ['was never assigned', [courseDefined()]],
    ['was already released', [courseDefined(), tutorAssigned(), tutorReleased()]],
  ] as const)('refuses a tutor who %s', (_case, history) => {
    given(courseDecider, ...history)
      .when(release(MARKER_ID))
      .thenThrows(StateConflict, `tutor ${MARKER_ID} is not assigned to course DE701`);
  });

  it('refuses a course that is not defined', () => {
    given(courseDecider).when(release(MARKER_ID)).thenThrows(NotFound, `course ${COURSE_ID} not found`);
  });

  it.each<[string, unknown, unknown, string]>([
    ['a blank reason', MARKER_ID, '   ', 'reason'],
    ['a reason over 1000 characters', MARKER_ID, 'r'.repeat(1001), 'reason'],
    ['no reason', MARKER_ID, null, 'reason'],
    ['a tutor id with a space', 'tutor one', 'Left', 'tutorId'],
  ])('rejects %s, naming the field', (_case, tutorId, reason, field) => {
    given(courseDecider, courseDefined(), tutorAssigned()).when(release(tutorId, reason)).thenViolates(field);
  });
});

describe('course state', () => {
  it('starts an empty tutor list for a read-model document written before tutors existed', () => {
    const { tutorIds: _tutorIds, ...older } = courseDecider.evolve(
      courseDecider.initialState,
      courseDefined(),
    ) as Extract<CourseState, { status: 'defined' }>;

    const state = courseDecider.evolve(older as CourseState, tutorAssigned('tutor-1'));

    expect(state).toMatchObject({ status: 'defined', code: 'DE701', tutorIds: ['tutor-1'] });
  });

  it('ignores tutor events for a course it has not seen defined', () => {
    expect(courseDecider.evolve(courseDecider.initialState, tutorAssigned())).toEqual({ status: 'none' });
  });
});
