import { pathwayDecider, StateConflict, type CourseState, type DefinePathway } from '#domain';
import { at, given } from './given-when-then.js';
import { courseState } from './fixtures.js';
import { ANALYTICS, CAPSTONE, MACHINE_LEARNING, PARTNER, PATHWAY_ID, pgCertDefinition } from './ledger-fixtures.js';

const courses: Record<string, CourseState> = {
  [ANALYTICS]: courseState({ courseId: ANALYTICS, code: 'DS701', title: 'Applied Analytics' }),
  [MACHINE_LEARNING]: courseState({ courseId: MACHINE_LEARNING, code: 'DS702', title: 'Machine Learning' }),
  [CAPSTONE]: courseState({ courseId: CAPSTONE, code: 'DS799', title: 'Data Science Capstone' }),
  'crs-unknown': { status: 'none' },
};

const define = (overrides: Partial<DefinePathway['data']> = {}): DefinePathway => ({
  type: 'DefinePathway',
  data: {
    pathwayId: PATHWAY_ID,
    title: ' PgCert Data Science ',
    awardingBody: 'University of Northbridge',
    level: { framework: 'FHEQ', level: 7 },
    totalCredits: 60,
    minCreditsAtLevel: 40,
    capstoneCourseId: CAPSTONE,
    allowedCourseIds: [ANALYTICS, MACHINE_LEARNING],
    consortiumPartners: [PARTNER],
    definedBy: 'registry-1',
    ...overrides,
  },
  courses,
});

const defined = (overrides: Parameters<typeof pgCertDefinition>[0] = {}) => ({
  type: 'PathwayDefined' as const,
  data: {
    ...pgCertDefinition({ allowedCourseIds: [ANALYTICS, MACHINE_LEARNING, CAPSTONE], ...overrides }),
    definedBy: 'registry-1',
    definedAt: '2026-03-01T10:00:00.000Z',
  },
});

describe('DefinePathway', () => {
  it('defines the pathway with the defaults: 2/3 RPL cap (40 of 60), 5-year credit, the capstone allowed', () => {
    const { state } = given(pathwayDecider).when(define()).then([defined()]);
    expect(state).toMatchObject({
      status: 'defined',
      rplCapCredits: 40,
      creditAgeLimitYears: 5,
      ageLimitSetAside: false,
    });
  });

  it('keeps a stricter RPL cap, its own age limit, a set-aside and no capstone', () => {
    given(pathwayDecider)
      .when(
        define({
          capstoneCourseId: null,
          maxRplProportion: 0.5,
          creditAgeLimitYears: 8,
          setAside: true,
          consortiumPartners: undefined,
        }),
      )
      .then([
        defined({
          capstone: null,
          allowedCourseIds: [ANALYTICS, MACHINE_LEARNING],
          maxRplProportion: 0.5,
          rplCapCredits: 30,
          creditAgeLimitYears: 8,
          ageLimitSetAside: true,
          consortiumPartners: [],
        }),
      ]);
  });

  it.each<[string, Partial<DefinePathway['data']>, string]>([
    ['a blank title', { title: ' ' }, 'title'],
    ['a blank awarding body', { awardingBody: '' }, 'awardingBody'],
    ['an unknown level', { level: { framework: 'FHEQ', level: 3 } }, 'level'],
    ['no credits', { totalCredits: 0 }, 'totalCredits'],
    ['fractional credits', { totalCredits: 60.5 }, 'totalCredits'],
    ['more credits at level than in total', { minCreditsAtLevel: 61 }, 'minCreditsAtLevel'],
    ['an RPL proportion above 1', { maxRplProportion: 1.5 }, 'maxRplProportion'],
    ['a negative RPL proportion', { maxRplProportion: -0.1 }, 'maxRplProportion'],
    ['an age limit of 0 years', { creditAgeLimitYears: 0 }, 'creditAgeLimitYears'],
    ['a set-aside that is not a boolean', { setAside: 'yes' as never }, 'setAside'],
    ['no allowed courses', { allowedCourseIds: [] }, 'allowedCourseIds'],
    ['an allowed course that does not exist', { allowedCourseIds: [ANALYTICS, 'crs-unknown'] }, 'allowedCourseIds[1]'],
    ['a capstone that does not exist', { capstoneCourseId: 'crs-missing' }, 'capstoneCourseId'],
    ['a blank consortium partner', { consortiumPartners: [PARTNER, ' '] }, 'consortiumPartners'],
  ])('rejects %s', (_case, overrides, field) => {
    given(pathwayDecider).when(define(overrides)).thenViolates(field, 'must');
  });

  it('reports every bad field at once', () => {
    given(pathwayDecider)
      .when(define({ title: '', totalCredits: -1, allowedCourseIds: [] }))
      .thenViolatesAll(['title', 'totalCredits', 'allowedCourseIds']);
  });

  it('refuses to define the same pathway twice', () => {
    given(pathwayDecider, defined())
      .when(define(), at('2026-03-02T09:00:00Z'))
      .thenThrows(StateConflict, `pathway ${PATHWAY_ID} is already defined`);
  });
});
