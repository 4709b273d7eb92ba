import { AssignTutorHandler } from './courses/assign-tutor.handler.js';
import { ModerateMarkHandler } from './enrolments/moderate-mark.handler.js';

/** Handlers that hand their decider what it needs to enforce who may mark and moderate (issue 15). */
export const moderationRuleHandlers = [AssignTutorHandler, ModerateMarkHandler];
