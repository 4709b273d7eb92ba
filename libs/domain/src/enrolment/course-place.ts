import type { Decider, DomainEvent } from '../shared/decider.js';
import { StateConflict } from '../shared/errors.js';
import type { EnrolmentState } from './enrolment.state.js';

/*
 * A learner's place on a course: one stream per learner and course, naming the enrolment that
 * holds it. Taking it with the stream's expected version is what stops two enrolments of one
 * learner on one course starting at once (no read model is asked).
 */

/** Studying, suspended, or awaiting the board: the place is still in use. Confirmed and withdrawn end it. */
export const isOngoing = (enrolment: EnrolmentState): boolean =>
  enrolment.status === 'active' || enrolment.status === 'suspended' || enrolment.status === 'assessed';

export type CoursePlaceTaken = DomainEvent<
  'CoursePlaceTaken',
  { learnerId: string; courseId: string; enrolmentId: string; previousEnrolmentId: string | null; takenAt: string }
>;
export type CoursePlaceEvent = CoursePlaceTaken;

/** `holder` is the enrolment that held the place when the shell looked, with its state (null when none did). */
export type TakeCoursePlace = {
  type: 'TakeCoursePlace';
  data: { learnerId: string; courseId: string; enrolmentId: string };
  holder: { enrolmentId: string; state: EnrolmentState } | null;
};

export type CoursePlaceState = { holder: string | null };

export const coursePlaceDecider: Decider<TakeCoursePlace, CoursePlaceEvent, CoursePlaceState> = {
  initialState: { holder: null },
  evolve: (_state, event) => ({ holder: event.data.enrolmentId }),
  decide: ({ data, holder }, state, clock) => {
    if (state.holder === data.enrolmentId) return [];
    if (state.holder !== (holder?.enrolmentId ?? null))
      throw new StateConflict(
        `learner ${data.learnerId} was enrolled on course ${data.courseId} meanwhile (enrolment ${state.holder}): check that enrolment before trying again`,
      );
    if (holder && isOngoing(holder.state))
      throw new StateConflict(
        `learner ${data.learnerId} already has an active enrolment on course ${data.courseId} (enrolment ${holder.enrolmentId}, ${holder.state.status}): one active enrolment per learner and course`,
      );
    return [
      {
        type: 'CoursePlaceTaken',
        data: { ...data, previousEnrolmentId: state.holder, takenAt: clock.now().toISOString() },
      },
    ];
  },
};
