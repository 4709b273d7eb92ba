import { NotFound, StateConflict, Violations } from '../shared/errors.js';
import { isNonBlank, isText, TEXT_RULE } from '../shared/text.js';
import type { AssignTutor, ReleaseTutor } from './course.commands.js';
import type { CourseEvent, TutorAssigned } from './course.events.js';

/* Only the tutors assigned to a course may mark its enrolments (design §2, "by an assigned tutor"). */

export const MAX_TUTORS_AT_DEFINITION = 200;
export const MAX_TUTOR_ID_LENGTH = 128;
export const TUTOR_ID_RULE = `must be 1-${MAX_TUTOR_ID_LENGTH} characters without spaces`;

/** A tutor id is the `sub` of the tutor's token, compared exactly: no spaces or control characters to hide in. */
export const TUTOR_ID_PATTERN = /^[^\s\p{Cc}]+$/u;

export const isTutorId = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= MAX_TUTOR_ID_LENGTH && TUTOR_ID_PATTERN.test(value);

/** The part of a course's state these rules read (the full state lives in course.decider.ts). */
type Assignable = { status: 'none' } | { status: 'defined'; courseId: string; code: string; tutorIds: string[] };

/** A DefineCourse's optional `tutorIds`: valid, distinct, and at most MAX_TUTORS_AT_DEFINITION. */
export const checkTutorIds = (tutorIds: unknown, v: Violations): void => {
  if (tutorIds === undefined) return;
  if (!Array.isArray(tutorIds) || tutorIds.length > MAX_TUTORS_AT_DEFINITION) {
    v.add('tutorIds', `must be a list of at most ${MAX_TUTORS_AT_DEFINITION} tutor ids`);
    return;
  }
  const seen = new Set<unknown>();
  tutorIds.forEach((tutorId, i) => {
    v.check(isTutorId(tutorId), `tutorIds[${i}]`, TUTOR_ID_RULE);
    v.check(!seen.has(tutorId), `tutorIds[${i}]`, 'must be unique within the course');
    seen.add(tutorId);
  });
};

/** The TutorAssigned events that follow a new course's CourseDefined. */
export const tutorsAssignedWithDefinition = (courseId: string, tutorIds: readonly string[] = []): TutorAssigned[] =>
  tutorIds.map((tutorId) => ({ type: 'TutorAssigned', data: { courseId, tutorId } }));

export const assignTutor = ({ data }: AssignTutor, state: Assignable): CourseEvent[] => {
  const v = new Violations().check(isTutorId(data.tutorId), 'tutorId', TUTOR_ID_RULE);
  if (data.assignedBy !== undefined)
    v.check(isNonBlank(data.assignedBy, 256), 'assignedBy', 'must be 1-256 characters');
  v.throwIfAny();
  if (state.status !== 'defined') throw new NotFound(`course ${data.courseId} not found`);
  if (state.tutorIds.includes(data.tutorId))
    throw new StateConflict(`tutor ${data.tutorId} is already assigned to course ${state.code}`);
  const { courseId, tutorId, assignedBy } = data;
  return [{ type: 'TutorAssigned', data: { courseId, tutorId, ...(assignedBy === undefined ? {} : { assignedBy }) } }];
};

export const releaseTutor = ({ data }: ReleaseTutor, state: Assignable): CourseEvent[] => {
  new Violations()
    .check(isTutorId(data.tutorId), 'tutorId', TUTOR_ID_RULE)
    .check(isText(data.reason), 'reason', TEXT_RULE)
    .throwIfAny();
  if (state.status !== 'defined') throw new NotFound(`course ${data.courseId} not found`);
  if (!state.tutorIds.includes(data.tutorId))
    throw new StateConflict(`tutor ${data.tutorId} is not assigned to course ${state.code}`);
  return [
    { type: 'TutorReleased', data: { courseId: data.courseId, tutorId: data.tutorId, reason: data.reason.trim() } },
  ];
};
