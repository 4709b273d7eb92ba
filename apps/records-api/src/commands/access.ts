import { ForbiddenException } from '@nestjs/common';
import { NotFound } from '#domain';
import type { CommandContext } from './command-context.js';

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
