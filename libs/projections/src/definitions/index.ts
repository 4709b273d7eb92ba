import {
  appealDecider,
  awardDecider,
  courseDecider,
  enrolmentDecider,
  learnerDecider,
  whyItCannotLapse,
} from '#domain';
import { boardCoverageProjection, boardProjection, caseProjection } from './board-projections.js';
import { COURSE_ENROLMENTS, courseEnrolmentsView, ENROLMENTS } from './course-enrolments.js';
export * from './course-enrolments.js';

export * from './board-projections.js';
import { LEDGER_COLLECTIONS, ledgerProjection, pathwayProjection } from './ledger-projections.js';
export * from './ledger-projections.js';
export * from './workspace-projections.js';
import type { ReadModelProjection } from '../projection.js';
import { streamStateProjection } from './stream-projection.js';
import { webhookSubscriptionProjection } from './webhook-subscription-projection.js';
export * from './webhook-subscription-projection.js';

export const COLLECTIONS = {
  courses: 'courses',
  learners: 'learners',
  enrolments: ENROLMENTS,
  courseEnrolments: COURSE_ENROLMENTS,
  awards: 'awards',
  boards: 'boards',
  cases: 'board-cases',
  boardCoverage: 'board-coverage',
  appeals: 'appeals',
  ...LEDGER_COLLECTIONS,
} as const;

export const courseProjection = streamStateProjection({
  collection: COLLECTIONS.courses,
  category: 'course',
  ...courseDecider,
});

export const learnerProjection = streamStateProjection({
  collection: COLLECTIONS.learners,
  category: 'learner',
  ...learnerDecider,
});

/** Status index value of an enrolment the deadline sweep may have to close. */
export const WORK_OUTSTANDING = 'work-outstanding';

/**
 * Indexed by learner (for the record) and by deadline when work is outstanding (for the sweep); by
 * course through its view, which the same commit writes.
 */
export const enrolmentProjection = streamStateProjection({
  collection: COLLECTIONS.enrolments,
  category: 'enrolment',
  ...enrolmentDecider,
  indexOf: (state) =>
    state.status === 'none'
      ? {}
      : {
          ref: state.learnerId,
          status: state.status === 'active' && whyItCannotLapse(state) === null ? WORK_OUTSTANDING : state.status,
          due: state.deadline,
        },
  views: [courseEnrolmentsView],
});

/** Awards by learner, for the record and the credit total. */
export const awardProjection = streamStateProjection({
  collection: COLLECTIONS.awards,
  category: 'award',
  ...awardDecider,
  indexOf: (state) =>
    state.status === 'none' ? {} : { ref: state.learnerId, status: state.revoked ? 'revoked' : 'issued' },
});

/** Appeals by learner (their record) and by status, oldest lodged first (the registry's queue). */
export const appealProjection = streamStateProjection({
  collection: COLLECTIONS.appeals,
  category: 'appeal',
  ...appealDecider,
  indexOf: (state) =>
    state.status === 'none' ? {} : { ref: state.decision.learnerId, status: state.status, due: state.lodgedAt },
});

export const recordProjections: ReadModelProjection[] = [
  courseProjection,
  learnerProjection,
  enrolmentProjection,
  awardProjection,
  boardProjection,
  boardCoverageProjection,
  caseProjection,
  ledgerProjection,
  pathwayProjection,
  webhookSubscriptionProjection,
  appealProjection,
];
