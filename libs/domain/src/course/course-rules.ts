import { isIsoDate, ISO_DATE_RULE } from '../shared/dates.js';
import { Violations } from '../shared/errors.js';
import { isNonBlank, isText, TEXT_RULE } from '../shared/text.js';
import type { DefineCourse } from './course.commands.js';
import { MODES_OF_LEARNING } from './course.events.js';
import {
  awardMisnamedBy,
  FRAMEWORKS,
  isKnownLevel,
  levelsOf,
  macroCredentialReachedBy,
  type Level,
} from './qualification-frameworks.js';
import { checkTutorIds } from './tutor-assignment.js';

const HECOS = /^\d{6}$/;
const CAH = /^CAH\d{2}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Z]{2}$/;
const COMPONENT_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export const MAX_ENGAGEMENT_DAYS = 730;
export const MAX_ATTEMPTS = 3;
export const MAX_COURSE_CODE_LENGTH = 20;
export const MAX_COMPONENTS = 10;
/** QAA 2022, 5.2: "a course is unlikely to be over a year in length"; longer is allowed, with a warning. */
export const ONE_YEAR_DAYS = 365;

/** Something a registry officer should look at again; the course is still defined. */
export interface CourseWarning {
  field: string;
  message: string;
}

const isWholeNumberIn = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** Every rule a course definition must meet, reported together. */
export const checkCourseDefinition = (course: DefineCourse['data']): void => {
  const v = new Violations();
  v.check(isNonBlank(course.code, MAX_COURSE_CODE_LENGTH), 'code', `must be 1-${MAX_COURSE_CODE_LENGTH} characters`);
  v.check(isNonBlank(course.title), 'title', 'must be 1-200 characters');
  v.check(isNonBlank(course.awardingBody), 'awardingBody', 'must be 1-200 characters');
  v.check(isWholeNumberIn(course.credits, 1, 540), 'credits', 'must be a whole number of CATS credits from 1 to 540');

  const level = course.level;
  if (!FRAMEWORKS.includes(level?.framework)) {
    v.add('level.framework', `must be one of ${FRAMEWORKS.join(', ')}`);
  } else if (!isKnownLevel(level)) {
    v.add('level.level', `must be one of ${levelsOf(level.framework).join(', ')} in ${level.framework}`);
  } else if (isWholeNumberIn(course.credits, 1, 540)) {
    const macro = macroCredentialReachedBy(course.credits, level);
    if (macro) {
      v.add(
        'credits',
        `must be below ${macro.credits} at ${level.framework} level ${level.level}: ${course.credits} credits is a ${macro.name}; award the macro-credential instead`,
      );
    } else if (isNonBlank(course.title)) {
      checkTitleNamesNoAward(course.title, course.credits, level, v);
    }
  }

  v.check(
    Array.isArray(course.hecosCodes) && course.hecosCodes.length >= 1 && course.hecosCodes.length <= 5,
    'hecosCodes',
    'must list 1 to 5 HECoS codes',
  );
  (course.hecosCodes ?? []).forEach((code, i) =>
    v.check(HECOS.test(String(code)), `hecosCodes[${i}]`, 'must be a 6-digit HECoS code, e.g. 100366'),
  );
  v.check(CAH.test(String(course.cahCode)), 'cahCode', 'must be a CAH code like CAH11-01-01');
  v.check(
    MODES_OF_LEARNING.includes(course.modeOfLearning),
    'modeOfLearning',
    `must be one of ${MODES_OF_LEARNING.join(', ')}`,
  );
  v.check(isNonBlank(course.aims, 4000), 'aims', 'must be 1-4000 characters');
  v.check(
    Array.isArray(course.learningOutcomes) && course.learningOutcomes.length >= 1,
    'learningOutcomes',
    'must list at least one learning outcome',
  );
  (course.learningOutcomes ?? []).forEach((outcome, i) =>
    v.check(isText(outcome), `learningOutcomes[${i}]`, TEXT_RULE),
  );

  checkComponents(course.components, v);

  if (course.passMark !== undefined)
    v.check(isWholeNumberIn(course.passMark, 1, 100), 'passMark', 'must be a whole number from 1 to 100');
  v.check(
    isWholeNumberIn(course.maxEngagementDays, 1, MAX_ENGAGEMENT_DAYS),
    'maxEngagementDays',
    `must be a whole number of days from 1 to ${MAX_ENGAGEMENT_DAYS}`,
  );
  if (course.maxAttempts !== undefined)
    v.check(
      isWholeNumberIn(course.maxAttempts, 1, MAX_ATTEMPTS),
      'maxAttempts',
      `must be a whole number from 1 to ${MAX_ATTEMPTS}`,
    );
  if (course.issuerCountry !== undefined)
    v.check(COUNTRY.test(course.issuerCountry), 'issuerCountry', 'must be an ISO 3166-1 alpha-2 code, e.g. GB');
  if (course.withdrawnFrom != null) v.check(isIsoDate(course.withdrawnFrom), 'withdrawnFrom', ISO_DATE_RULE);
  if (course.psrb != null) {
    v.check(isNonBlank(course.psrb.body), 'psrb.body', 'must be 1-200 characters');
    v.check(isText(course.psrb.recognition), 'psrb.recognition', TEXT_RULE);
  }
  checkTutorIds(course.tutorIds, v);
  v.throwIfAny();
};

/** QAA 2022, 7.3: the name must not mislead nor conflict with a qualification on the frameworks. */
const checkTitleNamesNoAward = (title: string, credits: number, level: Level, v: Violations): void => {
  const misnamed = awardMisnamedBy(title, credits, level);
  if (!misnamed) return;
  const where = `${level.framework} level ${level.level}`;
  const size = misnamed.atLevel
    ? `a ${misnamed.claimed} at ${where} is ${misnamed.atLevel.credits} credits and this course has ${credits}`
    : `no ${misnamed.claimed} is awarded at ${where}`;
  v.add(
    'title',
    `must not name a ${misnamed.claimed} unless the course is one: ${size} (QAA 2022 7.3, naming must not mislead)`,
  );
};

/** What a registry officer is warned about when defining a course (the response carries them). */
export const courseDefinitionWarnings = (course: Pick<DefineCourse['data'], 'maxEngagementDays'>): CourseWarning[] =>
  course.maxEngagementDays > ONE_YEAR_DAYS
    ? [
        {
          field: 'maxEngagementDays',
          message: `is over a year (${course.maxEngagementDays} days): a micro-credential is unlikely to be over a year in length (QAA 2022 5.2)`,
        },
      ]
    : [];

const checkComponents = (components: DefineCourse['data']['components'], v: Violations): void => {
  if (!Array.isArray(components) || components.length === 0 || components.length > MAX_COMPONENTS) {
    v.add('components', `must list 1 to ${MAX_COMPONENTS} assessment components`);
    return;
  }
  const seen = new Set<string>();
  components.forEach((component, i) => {
    v.check(
      COMPONENT_ID.test(String(component.id)),
      `components[${i}].id`,
      'must be 1-40 lowercase letters, digits or hyphens',
    );
    v.check(!seen.has(component.id), `components[${i}].id`, 'must be unique within the course');
    seen.add(component.id);
    v.check(isNonBlank(component.title), `components[${i}].title`, 'must be 1-200 characters');
    v.check(
      isWholeNumberIn(component.weight, 1, 100),
      `components[${i}].weight`,
      'must be a whole number from 1 to 100',
    );
    if (component.passMark !== undefined)
      v.check(
        isWholeNumberIn(component.passMark, 0, 100),
        `components[${i}].passMark`,
        'must be a whole number from 0 to 100',
      );
  });
  const total = components.reduce((sum, c) => sum + (Number.isInteger(c.weight) ? c.weight : 0), 0);
  v.check(total === 100, 'components', `weights must sum to 100 (they sum to ${total})`);
};
