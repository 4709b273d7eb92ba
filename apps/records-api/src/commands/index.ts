import { DefineCourseHandler, ScheduleCourseWithdrawalHandler } from './course.handlers.js';
import { ChangeEnrolmentHandler, StartEnrolmentHandler } from './enrolment.handlers.js';
import { RegisterLearnerHandler } from './learner.handlers.js';

export const commandHandlers = [
  DefineCourseHandler,
  ScheduleCourseWithdrawalHandler,
  RegisterLearnerHandler,
  StartEnrolmentHandler,
  ChangeEnrolmentHandler,
];
