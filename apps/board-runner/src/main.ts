import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { systemClock } from '#domain';
import { SqliteEventStore, SubscriptionHub } from '#event-store';
import { SqliteReadModelStore } from '#projections';
import { ConfigurationError, loadConfig } from '#records-api';
import { BoardRunner } from './board-runner.js';

/**
 * The continuous micro-board runner as its own process: one subscription, one checkpoint. Run
 * exactly one (the checkpoint is its lock: see deploy/k8s).
 */
const main = async (): Promise<void> => {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = new Logger('BoardRunner');
  const store = SqliteEventStore.open({ path: join(config.dataDir, 'events.db') });
  const state = new SqliteReadModelStore(join(config.dataDir, 'board-runner.db'));
  const runner = new BoardRunner(store, state, systemClock, { logger: { warn: (m) => logger.warn(m) } });
  const hub = new SubscriptionHub(store, [runner], {
    logger: { error: (message, error) => logger.error(message, error instanceof Error ? error.stack : error) },
  });
  hub.start();
  logger.log(`following ${config.dataDir}/events.db from position ${await runner.position()}`);
  const stop = async () => {
    await hub.stop();
    await store.close();
    await state.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
};

void main();
