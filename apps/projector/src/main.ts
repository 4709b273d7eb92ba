import { Logger } from '@nestjs/common';
import { systemClock } from '#domain';
import { SubscriptionHub } from '#event-store';
import { ParkingConsumer } from '#projections';
import { leadOnce, loadConfigOrExit, openStores, readModelConsumers, runEntryPoint } from '#runtime';

/**
 * The projector role: builds every read model (readModelConsumers) that the API replicas read. Replicas
 * may be started: on PostgreSQL one leads (an advisory lock of its own), the others stand by and take
 * over when its session ends. On SQLite the standalone plays this role.
 */
const main = async (): Promise<void> => {
  const config = loadConfigOrExit();
  const logger = new Logger('Projector');
  const leadership = await leadOnce(config, 'projector', (message) => logger.log(message));
  const { store, readModels } = await openStores(config);
  const consumers = readModelConsumers(readModels);
  // A stream a read model fails on is parked (GET /v1/operations/parked), not retried for ever.
  const parking = consumers.map((consumer) => new ParkingConsumer(consumer, readModels, store, systemClock));
  const hub = new SubscriptionHub(store, parking, {
    // The read models' checkpoints move together, once per delivered batch.
    commitTogether: readModels.commitTogether?.bind(readModels),
    logger: { error: (message, error) => logger.error(message, error instanceof Error ? error.stack : error) },
  });
  hub.start();
  const from = Math.min(...(await Promise.all(consumers.map((consumer) => consumer.position()))));
  logger.log(`following the ${config.eventStore} event store from position ${from}`);
  const stop = async (exitCode = 0) => {
    await hub.stop();
    await store.close();
    await readModels.close();
    await leadership?.release();
    process.exit(exitCode);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  // A standby may take over the moment the lock is gone: stop projecting at once; the orchestrator restarts us as standby.
  void leadership?.lost.then((error) => {
    logger.error(`lost the leader lock (${error.message}); stopping`);
    void stop(1);
  });
};

runEntryPoint(main);
