import {
  coursePlaceDecider,
  enrolmentDecider,
  streams,
  type Decider,
  type DomainEvent,
  type TakeCoursePlace,
} from '#domain';

/** Reads a stream's state: the single enrolment handler's runner or a bulk upload's row steps. */
type LoadState = <Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  streamId: string,
) => Promise<State>;

/**
 * The command that takes a learner's place on a course for a new enrolment. It names the place's
 * current holder with that enrolment's state, so the decider refuses a second active enrolment.
 */
export const takeCoursePlace = async (data: TakeCoursePlace['data'], load: LoadState): Promise<TakeCoursePlace> => {
  const { learnerId, courseId, enrolmentId } = data;
  const holderId = (await load(coursePlaceDecider, streams.coursePlace(learnerId, courseId))).holder;
  const holder =
    holderId === null || holderId === enrolmentId
      ? null
      : { enrolmentId: holderId, state: await load(enrolmentDecider, streams.enrolment(holderId)) };
  return { type: 'TakeCoursePlace', data: { learnerId, courseId, enrolmentId }, holder };
};
