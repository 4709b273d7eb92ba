import { NotFound, StateConflict } from '../shared/errors.js';
import type { Enrolment, EnrolmentState } from './enrolment.state.js';

/** Checks shared by every enrolment decision. */
export const requireEnrolment = (state: EnrolmentState): Enrolment => {
  if (state.status === 'none') throw new NotFound('enrolment not found');
  return state;
};

export const requireStatus = (e: Enrolment, allowed: Enrolment['status'][], action: string): void => {
  if (!allowed.includes(e.status)) throw new StateConflict(`cannot ${action}: enrolment is ${e.status}`);
};

export const componentIdsOf = (e: Enrolment): string => e.scheme.components.map((c) => c.id).join(', ');

/** What a command naming a component is refused with when the course has no such component. */
export const componentRule = (e: Enrolment): string => `must be one of this course's components: ${componentIdsOf(e)}`;

export const isComponentOf = (e: Enrolment, componentId: unknown): boolean =>
  e.scheme.components.some((c) => c.id === componentId);
