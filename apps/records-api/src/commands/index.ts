import { RevokeAwardHandler } from './award.handlers.js';
import { ConstituteBoardHandler, VoteOnCaseHandler } from './board.handlers.js';
import { ChangeCourseHandler, DefineCourseHandler } from './course.handlers.js';
import { ChangeEnrolmentHandler, StartEnrolmentHandler } from './enrolment.handlers.js';
import { EraseLearnerHandler, RegisterLearnerHandler } from './learner.handlers.js';
import { ledgerCommandHandlers } from './ledger.handlers.js';

export const commandHandlers = [
  DefineCourseHandler,
  ChangeCourseHandler,
  RegisterLearnerHandler,
  EraseLearnerHandler,
  StartEnrolmentHandler,
  ChangeEnrolmentHandler,
  ConstituteBoardHandler,
  VoteOnCaseHandler,
  RevokeAwardHandler,
  ...ledgerCommandHandlers,
];
