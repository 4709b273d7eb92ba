import { Logger } from '@nestjs/common';
import { systemClock } from '#domain';
import { PartitionLeases, SubscriptionHub } from '#event-store';
import { ParkingConsumer } from '#projections';
import { BoardRunner, boardPartitions, type BoardPartition } from '#process-managers';
import { loadConfigOrExit, openStores, readModelsShared, runEntryPoint } from '#runtime';

/**
 * The board-runner role: the continuous micro-board runner as its own process (the projector role
 * builds the read models). Its work is split into BOARD_RUNNER_PARTITIONS partitions by enrolment.
 * On PostgreSQL any number of replicas share the partitions out, one leader per partition; on
 * SQLite this one process runs them all.
 */
const main = async (): Promise<void> => {
  const config = loadConfigOrExit();
  const logger = new Logger('BoardRunner');
  const { store, readModels } = await openStores(config);
  const hubs = new Map<number, SubscriptionHub>();

  const lead = async (partition: BoardPartition): Promise<void> => {
    const runner = new BoardRunner(store, readModels, systemClock, {
      partition,
      logger: { warn: (message) => logger.warn(message) },
    });
    // A stream it fails on is parked (GET /v1/operations/parked), not retried for ever.
    const hub = new SubscriptionHub(store, [new ParkingConsumer(runner, readModels, store, systemClock)], {
      logger: { error: (message, error) => logger.error(message, error instanceof Error ? error.stack : error) },
    });
    hubs.set(partition.index, hub);
    hub.start();
    logger.log(
      `${runner.name} following the ${config.eventStore} event store from position ${await runner.position()}`,
    );
  };
  const stopLeading = async (index: number): Promise<void> => {
    await hubs.get(index)?.stop();
    hubs.delete(index);
  };

  const partitions = boardPartitions(config.boardRunnerPartitions);
  const leases = readModelsShared(config)
    ? await PartitionLeases.join({
        connectionString: config.databaseUrl!,
        name: `${config.databaseSchema}:board-runner`,
        count: partitions.length,
        lead: (index) => lead(partitions[index]!),
        yield: stopLeading,
        log: (message) => logger.log(message),
      })
    : undefined;
  if (!leases) for (const partition of partitions) await lead(partition);

  const stop = async (exitCode = 0) => {
    await (leases ? leases.close() : Promise.all([...hubs.keys()].map(stopLeading)));
    await store.close();
    await readModels.close();
    process.exit(exitCode);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  // Another replica takes over our partitions the moment our session is gone: stop consuming at once.
  void leases?.lost.then((error) => {
    logger.error(`lost the partition leases (${error.message}); stopping`);
    void stop(1);
  });
};

runEntryPoint(main);
