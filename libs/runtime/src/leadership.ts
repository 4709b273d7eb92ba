import { acquireLeadership, type Leadership } from '#event-store';
import { readModelsShared, type AppConfig } from './config/app-config.js';

/** The roles whose consumers must run in one process at a time, each under a lock of its own. */
export type LeadingRole = 'projector' | 'board-runner' | 'award-relay';

/**
 * For processes whose consumers must run once (projector, board runner, relay): wait to lead before
 * consuming, when their checkpoints live in PostgreSQL, where several replicas may be started (a
 * session-level advisory lock per role and schema; a standby takes over when the leader's session
 * ends). On SQLite the checkpoints are a file of one process's own, so nothing is locked.
 */
export const leadOnce = async (
  config: AppConfig,
  role: LeadingRole,
  log: (message: string) => void,
): Promise<Leadership | undefined> => {
  if (!readModelsShared(config)) return undefined;
  const leadership = await acquireLeadership({
    connectionString: config.databaseUrl!,
    name: `${config.databaseSchema}:${role}`,
    onWaiting: () => log(`another ${role} leads; standing by until its lock is released`),
  });
  log(`leading as the one ${role}`);
  return leadership;
};
