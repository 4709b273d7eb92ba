import type { CourseDefinition, ModeOfLearning } from '../course/course.events.js';
import type { Enrolment } from '../enrolment/enrolment.state.js';
import type { ErasedLearner, RegisteredLearner } from '../learner/learner.decider.js';
import { ERASED_TEXT } from '../learner/personal-text.js';
import type { IssueAward } from './award.events.js';

/** The EU "form of participation" element, in words a certificate reader understands. */
const FORM_OF_PARTICIPATION: Record<ModeOfLearning, string> = {
  online: 'Online',
  'in-person': 'In person, on site',
  blended: 'Blended: online and in person',
  'work-based': 'Work-based learning',
};

/**
 * The award for a confirmed pass: the course's information set as it stood at confirmation, the
 * learner's own dates, and the board's confirmed result. The learner's name is copied as it is held
 * (sealed under their key), so erasing the learner erases it on the award too.
 */
export const awardFor = (
  awardId: string,
  enrolment: Enrolment,
  courseNow: CourseDefinition & { versions?: Record<number, CourseDefinition> },
  learner: RegisteredLearner | ErasedLearner,
): IssueAward['data'] => {
  // The version the learner enrolled on, when the course has changed since.
  const course = courseNow.versions?.[enrolment.courseVersion] ?? courseNow;
  const confirmation = enrolment.confirmation;
  if (!confirmation || confirmation.result !== 'pass' || confirmation.grade === null)
    throw new Error(`enrolment ${enrolment.enrolmentId} has no confirmed pass`);
  return {
    awardId,
    learnerId: enrolment.learnerId,
    learnerName: learner.status === 'erased' ? ERASED_TEXT : learner.fullName,
    enrolmentId: enrolment.enrolmentId,
    courseId: course.courseId,
    courseCode: course.code,
    title: course.title,
    awardingBody: course.awardingBody,
    credits: { cats: course.credits, ects: course.ectsCredits },
    level: course.level,
    modeOfLearning: course.modeOfLearning,
    aims: course.aims,
    learningOutcomes: course.learningOutcomes,
    result: { weightedMark: confirmation.weightedMark, grade: confirmation.grade },
    cahCode: course.cahCode,
    hecosCodes: course.hecosCodes,
    psrb: course.psrb,
    issuerCountry: course.issuerCountry,
    assessmentType: course.assessmentType,
    formOfParticipation: FORM_OF_PARTICIPATION[course.modeOfLearning],
    qualityAssurance: course.qualityAssurance,
    startDate: enrolment.startDate,
    completedOn: confirmation.confirmedAt.slice(0, 10),
    boardId: confirmation.boardId,
    caseId: confirmation.caseId,
  };
};
