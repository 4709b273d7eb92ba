import { ForbiddenException } from '@nestjs/common';
import { courseDecider, NotFound, streams } from '#domain';
import type { CommandContext } from './command-context.js';
import type { DeciderRunner } from './decider-runner.js';

/** Refuses a command on a stream that does not exist yet (404 rather than a domain conflict). */
export const mustExist =
  (what: string) =>
  (state: { status: string }): void => {
    if (state.status === 'none') throw new NotFound(`${what} not found`);
  };

/** A learner may act only on their own records; staff roles act on anyone's. */
export const ownEnrolmentOrStaff =
  (context: CommandContext) =>
  (state: { status: string; learnerId?: string }): void => {
    mustExist('enrolment')(state);
    if (context.role === 'learner' && state.learnerId !== context.actor)
      throw new ForbiddenException('learners may act only on their own enrolments');
  };

/** The tutors assigned to a course now (read from its stream, so an assignment counts at once). */
export type TutorsOfCourse = (courseId: string) => Promise<readonly string[]>;

export const tutorsAssigned =
  (runner: Pick<DeciderRunner, 'load'>): TutorsOfCourse =>
  async (courseId) => {
    const { state } = await runner.load(courseDecider, streams.course(courseId));
    return state.status === 'defined' ? state.tutorIds : [];
  };

/**
 * ownEnrolmentOrStaff, and a caller acting as a tutor acts only on enrolments of courses they are
 * assigned to. Only tutors pay for the extra read of the course stream.
 */
export const enrolmentAccess =
  (context: CommandContext, tutorsOf: TutorsOfCourse) =>
  async (state: { status: string; learnerId?: string; courseId?: string }): Promise<void> => {
    ownEnrolmentOrStaff(context)(state);
    if (context.role === 'tutor' && !(await tutorsOf(String(state.courseId))).includes(context.actor))
      throw new ForbiddenException('tutors may mark only courses they are assigned to');
  };

/** Only the learner the award is theirs may act on it (e.g. share their name on its credential page). */
export const ownAward =
  (context: CommandContext) =>
  (state: { status: string; learnerId?: string }): void => {
    mustExist('award')(state);
    if (state.learnerId !== context.actor) throw new ForbiddenException('only the learner may share their own award');
  };
