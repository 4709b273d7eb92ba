import type { Attempt, Enrolment, EnrolmentState } from '#domain';
import type { ProjectionView } from '../projection.js';
import type { DocumentReader } from '../read-model-store.port.js';

/**
 * The enrolments of a course. The enrolment state itself is stored once, by the enrolment
 * projection (`enrolments`, indexed by learner); this view holds, under the same ids, an entry per
 * enrolment indexed by course, written in the same commit. Entries written before the view (the
 * whole state, kept by the workspace consumer) carry the same `enrolmentId`, so both read alike.
 */
export const COURSE_ENROLMENTS = 'course-enrolments';
/** Where the enrolment projection keeps the states (COLLECTIONS.enrolments). */
export const ENROLMENTS = 'enrolments';

/** Status index value of a course's enrolments with a submission waiting for its mark. */
export const awaitingMarkIn = (courseId: string): string => `awaiting-mark:${courseId}`;

/** The latest attempts that have no mark yet, in an enrolment that can still be marked. */
export const unmarkedAttempts = (e: Enrolment): { componentId: string; attempt: Attempt }[] =>
  e.status === 'withdrawn'
    ? []
    : e.scheme.components.flatMap((c) => {
        const attempt = e.attempts[c.id]?.at(-1);
        return attempt && attempt.mark === null ? [{ componentId: c.id, attempt }] : [];
      });

interface CourseEnrolmentEntry {
  enrolmentId?: string;
}

/**
 * Indexed by course (`ref`). An enrolment with work waiting for a mark is also indexed as
 * `awaiting-mark:<course>`, due at its oldest unmarked submission: one course's marking queue,
 * oldest first, in one indexed read.
 */
export const courseEnrolmentsView: ProjectionView<EnrolmentState> = {
  collection: COURSE_ENROLMENTS,
  entryOf: (state): CourseEnrolmentEntry => (state.status === 'none' ? {} : { enrolmentId: state.enrolmentId }),
  indexOf: (state) => {
    if (state.status === 'none') return {};
    const waiting = unmarkedAttempts(state)
      .map((u) => u.attempt.submittedAt)
      .sort();
    return waiting.length > 0
      ? { ref: state.courseId, status: awaitingMarkIn(state.courseId), due: waiting[0] }
      : { ref: state.courseId, status: state.status, due: state.startDate };
  },
};

/** The enrolments the entries stand for, in the entries' order. */
const enrolmentsOf = async (reader: DocumentReader, entries: readonly CourseEnrolmentEntry[]): Promise<Enrolment[]> => {
  const ids = entries.flatMap((entry) => (entry.enrolmentId ? [entry.enrolmentId] : []));
  const found = await reader.load(ENROLMENTS, ids);
  return ids.flatMap((id) => {
    const enrolment = found.get(id) as Enrolment | undefined;
    return enrolment ? [enrolment] : [];
  });
};

/**
 * Every enrolment of the course, by id. Entries and states are written in one commit; read between
 * two commits, a state may be newer than its entry, so callers judge by the state (as they do).
 */
export const enrolmentsOfCourse = async (reader: DocumentReader, courseId: string): Promise<Enrolment[]> =>
  enrolmentsOf(reader, await reader.findByRef<CourseEnrolmentEntry>(COURSE_ENROLMENTS, courseId));

/** The course's enrolments with work waiting for a mark submitted before `before`, longest waiting first. */
export const enrolmentsAwaitingMark = async (
  reader: DocumentReader,
  courseId: string,
  before: string,
  limit: number,
): Promise<Enrolment[]> =>
  enrolmentsOf(
    reader,
    await reader.findDue<CourseEnrolmentEntry>(COURSE_ENROLMENTS, awaitingMarkIn(courseId), before, limit),
  );
