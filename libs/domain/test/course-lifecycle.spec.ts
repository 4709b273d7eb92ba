import { courseDecider, enrolmentDecider, fold, NotFound, StateConflict, type CourseEvent } from '#domain';
import { at, given } from './given-when-then.js';
import { COURSE_ID, courseDefined, dataEthics, defineCourse, startEnrolment } from './fixtures.js';

const APPROVAL = {
  approvedBy: 'Academic Standards Committee',
  externalAdviser: 'Prof. Lena Ortiz',
  approvedOn: '2026-02-20',
};
const approved = (version = 1): CourseEvent => ({
  type: 'CourseApproved',
  data: { courseId: COURSE_ID, version, ...APPROVAL, approvedAt: '2026-03-01T10:00:00.000Z' },
});
const draft = courseDefined({ version: 1 });
const approve = { type: 'ApproveCourse', data: { courseId: COURSE_ID, ...APPROVAL } } as const;
const revise = (title: string) =>
  ({ type: 'ReviseCourse', data: { definition: dataEthics({ title }), reason: 'Typo in the title' } }) as const;

describe('course lifecycle: draft, approved, versions', () => {
  it('defines an approved course in one command when the approval is given', () => {
    given(courseDecider)
      .when(defineCourse({ approval: APPROVAL }))
      .then([courseDefined({ version: 1, definedAt: '2026-03-01T10:00:00.000Z' }), approved()]);
  });

  it('approves a draft, recording approver, external adviser and date', () => {
    const { state } = given(courseDecider, draft).when(approve).then([approved()]);
    expect(state).toMatchObject({ lifecycle: 'approved', version: 1, approval: APPROVAL });
  });

  it.each([
    ['a blank approver', { approvedBy: ' ' }, 'approvedBy'],
    ['no external adviser', { externalAdviser: '' }, 'externalAdviser'],
    ['the approver as external adviser', { externalAdviser: 'Academic Standards Committee' }, 'externalAdviser'],
    ['an approval date in the future', { approvedOn: '2026-03-02' }, 'approvedOn'],
    ['an impossible date', { approvedOn: '2026-02-30' }, 'approvedOn'],
  ])('refuses %s, naming the field', (_case, change, field) => {
    given(courseDecider, draft)
      .when({ ...approve, data: { ...approve.data, ...change } })
      .thenViolates(field);
  });

  it('refuses to approve an approved course with nothing awaiting approval', () => {
    given(courseDecider, draft, approved()).when(approve).thenThrows(StateConflict, 'is already approved');
  });

  it('refuses to approve an unknown course', () => {
    given(courseDecider).when(approve).thenThrows(NotFound);
  });

  it('refuses enrolments on a draft', () => {
    const course = fold(courseDecider, [draft]);
    given(enrolmentDecider)
      .when(startEnrolment('2026-03-01', { course }))
      .thenThrows(StateConflict, 'course DE701 is a draft (version 1): no enrolments until it is approved');
  });

  it('makes a change a new version awaiting approval while the approved one stays live', () => {
    const { state } = given(courseDecider, draft, approved())
      .when(revise('Data Ethics and Governance'))
      .then([
        {
          type: 'CourseRevised',
          data: {
            ...(({ definedAt: _definedAt, ...definition }) => definition)(courseDefined().data),
            title: 'Data Ethics and Governance',
            version: 2,
            reason: 'Typo in the title',
            revisedAt: '2026-03-01T10:00:00.000Z',
          } as never,
        },
      ]);
    expect(state).toMatchObject({ title: 'Data Ethics', version: 1, revision: { version: 2 } });
  });

  it('makes the new version live when approved, keeping the old one for its enrolments', () => {
    const history = [
      draft,
      approved(),
      ...courseDecider.decide(
        revise('Data Ethics and Governance'),
        fold(courseDecider, [draft, approved()]),
        at('2026-03-01T10:00:00Z'),
      ),
    ];
    const { state } = given(courseDecider, ...history)
      .when(approve)
      .then([approved(2)]);
    expect(state).toMatchObject({ title: 'Data Ethics and Governance', version: 2, revision: null });
    expect(state.status === 'defined' && state.versions[1]?.title).toBe('Data Ethics');
    const enrolled = given(enrolmentDecider).when(startEnrolment('2026-03-01', { course: state })).then;
    expect(enrolled).toBeDefined();
  });

  it('refuses a revision that changes the code', () => {
    given(courseDecider, draft, approved())
      .when({ type: 'ReviseCourse', data: { definition: dataEthics({ code: 'DE702' }), reason: 'x' } })
      .thenViolates('code', 'must stay DE701');
  });

  it('applies the course rules to a revision (naming)', () => {
    given(courseDecider, draft, approved())
      .when(revise('Postgraduate Certificate in Data Ethics'))
      .thenViolates('title');
  });
});
