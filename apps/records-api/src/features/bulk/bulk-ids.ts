import { nameBasedId } from '#event-store';
import type { CommandContext } from '../../commands/command-context.js';

/**
 * Ids and idempotency keys derived from an upload's rows, so uploading the same file twice lands
 * on the same streams under the same keys and appends nothing the second time.
 * A bulk learner is known by their email: the same email in another row or upload is the same learner.
 */
export const bulkLearnerIdFor = (email: string): string =>
  nameBasedId('credence:bulk:learner', email.trim().toLowerCase());

export const bulkEnrolmentIdFor = (learnerId: string, courseId: string, startDate: string): string =>
  nameBasedId('credence:bulk:enrolment', learnerId, courseId, startDate.trim());

/** The caller's context for one row's command, under the row's own idempotency key. */
export const rowContext = (caller: CommandContext, ...row: string[]): CommandContext => ({
  ...caller,
  idempotencyKey: nameBasedId('credence:bulk:row', ...row),
});
