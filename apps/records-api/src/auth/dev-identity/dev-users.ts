import type { Role } from '../jwt.js';

/**
 * The development provider's sample users, one per role: the staff are the sample data's own
 * (`npm start` assigns the sample courses to tutor-local and seats chair-local and examiner-local
 * on the standing board); a learner gives their learner id.
 */
export const DEV_USERS = {
  registry: { role: 'registry', label: 'Registry officer', subject: 'registry-local' },
  tutor: { role: 'tutor', label: 'Tutor', subject: 'tutor-local' },
  'board-member': { role: 'board', label: 'Board member (chair)', subject: 'chair-local' },
  examiner: { role: 'examiner', label: 'External examiner', subject: 'examiner-local' },
  learner: { role: 'learner', label: 'Learner', subject: undefined },
} as const satisfies Record<string, { role: Role; label: string; subject: string | undefined }>;

export type DevUser = keyof typeof DEV_USERS;

export const isDevUser = (value: unknown): value is DevUser =>
  typeof value === 'string' && Object.hasOwn(DEV_USERS, value);

/** A user id as the API names principals: letters, digits and . _ @ - (a learner's is their learner id). */
export const SUBJECT_PATTERN = /^[A-Za-z0-9._@-]{1,100}$/;

/**
 * Who signed in under which role, for the tokens issued to them (renewals included). Held in memory
 * like the provider's sessions and tokens, so both are forgotten together when the server stops.
 */
export class DevAccounts {
  private readonly roles = new Map<string, Role>();

  signIn(subject: string, role: Role): void {
    this.roles.set(subject, role);
  }

  roleOf(subject: string): Role | undefined {
    return this.roles.get(subject);
  }
}
