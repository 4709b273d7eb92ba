import {
  courseDecider,
  courseDefinitionWarnings,
  eqfLevelOf,
  levelsOf,
  macroAwardsAt,
  type DefineCourse,
  type Framework,
} from '#domain';
import { given } from './given-when-then.js';
import { defineCourse } from './fixtures.js';

const defined = (overrides: Partial<DefineCourse['data']>) =>
  expect(courseDecider.decide(defineCourse(overrides), courseDecider.initialState, { now: () => new Date() })).toEqual(
    expect.arrayContaining([expect.objectContaining({ type: 'CourseDefined' })]),
  );

describe('course titles must not mislead (QAA 2022 7.3)', () => {
  it('refuses a 15-credit "Postgraduate Certificate", naming the title and the award\'s size', () => {
    const [violation] = given(courseDecider)
      .when(defineCourse({ title: 'Postgraduate Certificate in Data Ethics' }))
      .thenViolates('title');

    expect(violation?.rule).toBe(
      'must not name a Postgraduate Certificate (PgCert) unless the course is one: a Postgraduate Certificate (PgCert) at FHEQ level 7 is 60 credits and this course has 15 (QAA 2022 7.3, naming must not mislead)',
    );
  });

  it.each<[string, Framework, number, number, string]>([
    ['PgCert Data Ethics', 'FHEQ', 7, 15, 'Postgraduate Certificate (PgCert)'],
    ['Graduate Diploma in Law', 'FHEQ', 6, 40, 'Graduate Diploma'],
    ['Foundation Degree Taster', 'FHEQ', 5, 20, 'Foundation Degree'],
    ['Bachelor of Data Ethics', 'FHEQ', 6, 30, "Bachelor's degree"],
    ['BSc Data Ethics module', 'FHEQ', 6, 30, "Bachelor's degree"],
    ["Master's in Data Ethics", 'FHEQ', 7, 30, "Master's degree"],
    ['MSc Data Ethics (short course)', 'FHEQ', 7, 30, "Master's degree"],
    ['Certificate of Higher Education in Care', 'FHEQ', 5, 30, 'Certificate of Higher Education (CertHE)'],
    ['Doctorate-level Research Methods', 'FHEQ', 8, 60, 'Doctoral degree'],
    ['Diploma in Data Ethics', 'FHEQ', 7, 15, 'Diploma'],
    ['Data Ethics degree module', 'FHEQ', 6, 15, 'degree'],
    ['Diploma in Food Safety', 'RQF', 3, 20, 'Diploma'],
    ['Higher National Certificate Primer', 'SCQF', 7, 40, 'Higher National Certificate (HNC)'],
  ])('refuses "%s" at %s %i with %i credits (it claims a %s)', (title, framework, level, credits, claimed) => {
    given(courseDecider)
      .when(defineCourse({ title, credits, level: { framework, level } }))
      .thenViolates('title', `must not name a ${claimed} unless the course is one`);
  });

  it('names the level when the award is not made there at all', () => {
    given(courseDecider)
      .when(defineCourse({ title: 'Postgraduate Certificate in Data Ethics', level: { framework: 'FHEQ', level: 6 } }))
      .thenViolates('title', 'no Postgraduate Certificate (PgCert) is awarded at FHEQ level 6');
  });

  it.each<[string, Framework, number, number]>([
    ['Data Ethics', 'FHEQ', 7, 15],
    ['Masterclass in Negotiation', 'FHEQ', 7, 15],
    ['Master Data Management', 'FHEQ', 6, 20],
    ['Mastering Excel', 'FHEQ', 4, 10],
    ['360-Degree Feedback for Managers', 'FHEQ', 6, 10],
    ['Certificate in Data Ethics', 'FHEQ', 7, 15],
    ['Professional Practice for Postgraduates', 'FHEQ', 7, 15],
    ['Diploma in Food Safety', 'RQF', 3, 40], // an RQF Diploma is 37 credits or more
    ['Data Analysis for MBAs', 'FHEQ', 7, 15],
  ])('accepts "%s" at %s %i with %i credits', (title, framework, level, credits) => {
    defined({ title, credits, level: { framework, level } });
  });
});

describe('frameworks and levels', () => {
  it.each<[Framework, number[]]>([
    ['FHEQ', [4, 5, 6, 7, 8]],
    ['SCQF', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    ['CQFW', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['RQF', [1, 2, 3, 4, 5, 6, 7, 8]],
  ])('%s offers levels %j', (framework, levels) => {
    expect(levelsOf(framework)).toEqual(levels);
    for (const level of levels) defined({ credits: 5, level: { framework, level } });
  });

  it.each<[Framework, number, number | null]>([
    ['FHEQ', 4, 5],
    ['FHEQ', 5, 5],
    ['FHEQ', 6, 6],
    ['FHEQ', 7, 7],
    ['FHEQ', 8, 8],
    ['RQF', 1, 2],
    ['RQF', 3, 4],
    ['RQF', 4, 5],
    ['CQFW', 2, 3],
    ['CQFW', 7, 7],
    ['SCQF', 1, null],
    ['SCQF', 3, 1],
    ['SCQF', 6, 4],
    ['SCQF', 7, 5],
    ['SCQF', 8, 5],
    ['SCQF', 9, 6],
    ['SCQF', 10, 6],
    ['SCQF', 11, 7],
    ['SCQF', 12, 8],
  ])('%s level %i is EQF level %p', (framework, level, eqf) => {
    expect(eqfLevelOf({ framework, level })).toBe(eqf);
  });

  it('lists the macro-awards of a level smallest first, with their sizes', () => {
    expect(macroAwardsAt({ framework: 'FHEQ', level: 7 }).map((a) => [a.name, a.credits])).toEqual([
      ['Postgraduate Certificate (PgCert)', 60],
      ['Postgraduate Diploma (PgDip)', 120],
      ["Master's degree", 180],
      ["Integrated master's degree", 480],
    ]);
    expect(macroAwardsAt({ framework: 'FHEQ', level: 4 }).map((a) => a.name)).not.toContain('Postgraduate Diploma');
  });
});

describe('a maximum engagement over a year is warned, not refused (QAA 2022 5.2)', () => {
  it('warns at 366 days and defines the course', () => {
    defined({ maxEngagementDays: 366 });
    expect(courseDefinitionWarnings({ maxEngagementDays: 366 })).toEqual([
      {
        field: 'maxEngagementDays',
        message: 'is over a year (366 days): a micro-credential is unlikely to be over a year in length (QAA 2022 5.2)',
      },
    ]);
  });

  it('does not warn at a year or less', () => {
    expect(courseDefinitionWarnings({ maxEngagementDays: 365 })).toEqual([]);
    expect(courseDefinitionWarnings({ maxEngagementDays: 90 })).toEqual([]);
  });
});
