import { acquireLeadership, type Leadership } from '#event-store';
import type { AppConfig } from './config/app-config.js';

/**
 * For processes that must run once (board runner, relay): wait to lead before consuming, when their
 * checkpoints live in PostgreSQL, where several replicas may be started. On the embedded SQLite store
 * there is only ever one process, so nothing is locked.
 */
export const leadOnce = async (
  config: AppConfig,
  name: string,
  log: (message: string) => void,
): Promise<Leadership | undefined> => {
  if (!config.databaseUrl) return undefined;
  const leadership = await acquireLeadership({
    connectionString: config.databaseUrl,
    name: `${config.databaseSchema}:${name}`,
    onWaiting: () => log(`another ${name} leads; standing by until its lock is released`),
  });
  log(`leading as the one ${name}`);
  return leadership;
};
