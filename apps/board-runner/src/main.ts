import { Logger } from '@nestjs/common';
import { systemClock } from '#domain';
import { SubscriptionHub } from '#event-store';
import { ParkingConsumer } from '#projections';
import { BoardRunner } from '#process-managers';
import { leadOnce, loadConfigOrExit, openStores, runEntryPoint } from '#runtime';

/**
 * The board-runner role: the continuous micro-board runner as its own process (the projector role
 * builds the read models). Replicas may be started: on PostgreSQL one leads (an advisory lock), the
 * others stand by.
 */
const main = async (): Promise<void> => {
  const config = loadConfigOrExit();
  const logger = new Logger('BoardRunner');
  const leadership = await leadOnce(config, 'board-runner', (message) => logger.log(message));
  const { store, readModels } = await openStores(config);
  const runner = new BoardRunner(store, readModels, systemClock, { logger: { warn: (m) => logger.warn(m) } });
  // A stream it fails on is parked (GET /v1/operations/parked), not retried for ever.
  const hub = new SubscriptionHub(store, [new ParkingConsumer(runner, readModels, store, systemClock)], {
    logger: { error: (message, error) => logger.error(message, error instanceof Error ? error.stack : error) },
  });
  hub.start();
  logger.log(`following the ${config.eventStore} event store from position ${await runner.position()}`);
  const stop = async (exitCode = 0) => {
    await hub.stop();
    await store.close();
    await readModels.close();
    await leadership?.release();
    process.exit(exitCode);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  // Another replica may take over the moment the lock is gone: stop consuming at once; the orchestrator restarts us as standby.
  void leadership?.lost.then((error) => {
    logger.error(`lost the leader lock (${error.message}); stopping`);
    void stop(1);
  });
};

runEntryPoint(main);
