import { RevokeAwardHandler } from './award.handlers.js';
import { ConstituteBoardHandler, VoteOnCaseHandler } from './board.handlers.js';
import { DefineCourseHandler, ScheduleCourseWithdrawalHandler } from './course.handlers.js';
import { ChangeEnrolmentHandler, StartEnrolmentHandler } from './enrolment.handlers.js';
import { RegisterLearnerHandler } from './learner.handlers.js';
import { ledgerCommandHandlers } from './ledger.handlers.js';

export const commandHandlers = [
  DefineCourseHandler,
  ScheduleCourseWithdrawalHandler,
  RegisterLearnerHandler,
  StartEnrolmentHandler,
  ChangeEnrolmentHandler,
  ConstituteBoardHandler,
  VoteOnCaseHandler,
  RevokeAwardHandler,
  ...ledgerCommandHandlers,
];
