import { Logger } from '@nestjs/common';
import { systemClock } from '#domain';
import { SubscriptionHub, type CheckpointedConsumer } from '#event-store';
import { ProjectionConsumer, recordProjections } from '#projections';
import { PROJECTIONS_CHECKPOINT, loadConfigOrExit, openStores } from '#records-api';
import { BoardRunner } from './board-runner.js';

/**
 * The continuous micro-board runner as its own process, and (unless PROJECTIONS=off) the one
 * projector for API replicas that run with PROJECTIONS=off. One subscription, a checkpoint per
 * consumer; run exactly one of these (see deploy/k8s).
 */
const main = async (): Promise<void> => {
  const config = loadConfigOrExit();
  const logger = new Logger('BoardRunner');
  const { store, readModels } = await openStores(config);
  const runner = new BoardRunner(store, readModels, systemClock, { logger: { warn: (m) => logger.warn(m) } });
  const consumers: CheckpointedConsumer[] = [runner];
  if (config.runProjections) consumers.unshift(new ProjectionConsumer(PROJECTIONS_CHECKPOINT, readModels, recordProjections));
  const hub = new SubscriptionHub(store, consumers, {
    logger: { error: (message, error) => logger.error(message, error instanceof Error ? error.stack : error) },
  });
  hub.start();
  logger.log(`following the ${config.eventStore} event store from position ${await runner.position()}`);
  const stop = async () => {
    await hub.stop();
    await store.close();
    await readModels.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
};

void main();
