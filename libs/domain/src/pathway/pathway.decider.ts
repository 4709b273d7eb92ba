import { isKnownLevel } from '../course/qualification-frameworks.js';
import type { Clock } from '../shared/clock.js';
import type { Decider } from '../shared/decider.js';
import { StateConflict, Violations } from '../shared/errors.js';
import { isNonBlank } from '../shared/text.js';
import type { DefinePathway, PathwayCommand, PathwayDefinition, PathwayEvent } from './pathway.events.js';

export type PathwayState = { status: 'none' } | ({ status: 'defined' } & PathwayDefinition);

/** Most providers make between a third and two thirds of an award themselves (QAA 2022, 4.3 (3)). */
export const DEFAULT_MAX_RPL_PROPORTION = 2 / 3;
/** Academic credit is typically valid for around five years (QAA 2022, 4.3 (3)). */
export const DEFAULT_CREDIT_AGE_LIMIT_YEARS = 5;

const isWhole = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

// The epsilon keeps 60 x 2/3 at 40 rather than 39.999...
export const rplCapFor = (totalCredits: number, proportion: number): number =>
  Math.floor(totalCredits * proportion + 1e-9);

const isDefinedCourse = (command: DefinePathway, courseId: unknown): boolean =>
  typeof courseId === 'string' && command.courses[courseId]?.status === 'defined';

const checkDefinition = (command: DefinePathway): void => {
  const { data } = command;
  // Checked against the total only when the total itself is valid, so one bad field is one violation.
  const maxAtLevel = isWhole(data.totalCredits, 1, 720) ? data.totalCredits : 720;
  const violations = new Violations()
    .check(isNonBlank(data.title), 'title', 'must be 1-200 characters')
    .check(isNonBlank(data.awardingBody), 'awardingBody', 'must be 1-200 characters')
    .check(isKnownLevel(data.level ?? ({} as never)), 'level', 'must be a level of FHEQ, SCQF, CQFW or RQF')
    .check(isWhole(data.totalCredits, 1, 720), 'totalCredits', 'must be a whole number from 1 to 720')
    .check(
      isWhole(data.minCreditsAtLevel, 0, maxAtLevel),
      'minCreditsAtLevel',
      'must be a whole number from 0 to totalCredits',
    );
  const proportion = data.maxRplProportion ?? DEFAULT_MAX_RPL_PROPORTION;
  violations.check(
    typeof proportion === 'number' && proportion >= 0 && proportion <= 1,
    'maxRplProportion',
    'must be a number from 0 to 1',
  );
  violations.check(
    isWhole(data.creditAgeLimitYears ?? DEFAULT_CREDIT_AGE_LIMIT_YEARS, 1, 100),
    'creditAgeLimitYears',
    'must be a whole number of years from 1 to 100',
  );
  violations.check(
    data.setAside === undefined || typeof data.setAside === 'boolean',
    'setAside',
    'must be true or false',
  );
  if (!Array.isArray(data.allowedCourseIds) || data.allowedCourseIds.length === 0)
    violations.add('allowedCourseIds', 'must name at least one course');
  else
    data.allowedCourseIds.forEach((id, i) =>
      violations.check(isDefinedCourse(command, id), `allowedCourseIds[${i}]`, 'must be a defined course'),
    );
  const capstone = data.capstoneCourseId;
  violations.check(
    capstone == null || isDefinedCourse(command, capstone),
    'capstoneCourseId',
    'must be a defined course',
  );
  const partners = data.consortiumPartners ?? [];
  violations.check(
    Array.isArray(partners) && partners.every((p) => isNonBlank(p)),
    'consortiumPartners',
    'must be a list of provider names of 1-200 characters',
  );
  violations.throwIfAny();
};

/** Providers are compared as registry staff type them, ignoring case and surrounding spaces. */
export const providerKey = (provider: string): string => provider.trim().toLowerCase();

const define = (command: DefinePathway, state: PathwayState, clock: Clock): PathwayEvent[] => {
  checkDefinition(command);
  const { data } = command;
  if (state.status !== 'none') throw new StateConflict(`pathway ${data.pathwayId} is already defined`);
  const capstoneCourse = data.capstoneCourseId ? command.courses[data.capstoneCourseId] : undefined;
  const capstone =
    capstoneCourse?.status === 'defined'
      ? { courseId: capstoneCourse.courseId, code: capstoneCourse.code, title: capstoneCourse.title }
      : null;
  const maxRplProportion = data.maxRplProportion ?? DEFAULT_MAX_RPL_PROPORTION;
  const allowed = [...new Set([...data.allowedCourseIds, ...(capstone ? [capstone.courseId] : [])])];
  return [
    {
      type: 'PathwayDefined',
      data: {
        pathwayId: data.pathwayId,
        title: data.title.trim(),
        awardingBody: data.awardingBody.trim(),
        level: { framework: data.level.framework, level: data.level.level },
        totalCredits: data.totalCredits,
        minCreditsAtLevel: data.minCreditsAtLevel,
        capstone,
        allowedCourseIds: allowed,
        consortiumPartners: [...new Set((data.consortiumPartners ?? []).map((p) => p.trim()))],
        maxRplProportion,
        rplCapCredits: rplCapFor(data.totalCredits, maxRplProportion),
        creditAgeLimitYears: data.creditAgeLimitYears ?? DEFAULT_CREDIT_AGE_LIMIT_YEARS,
        ageLimitSetAside: data.setAside ?? false,
        definedBy: data.definedBy,
        definedAt: clock.now().toISOString(),
      },
    },
  ];
};

const evolve = (_state: PathwayState, event: PathwayEvent): PathwayState => {
  switch (event.type) {
    case 'PathwayDefined': {
      const { definedBy: _by, definedAt: _at, ...definition } = event.data;
      return { status: 'defined', ...definition };
    }
  }
};

export const pathwayDecider: Decider<PathwayCommand, PathwayEvent, PathwayState> = {
  initialState: { status: 'none' },
  evolve,
  decide: (command, state, clock) => define(command, state, clock),
};
