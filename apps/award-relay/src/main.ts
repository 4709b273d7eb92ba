import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '#domain';
import { SubscriptionHub } from '#event-store';
import { IntegrationRelay } from '#integration';
import { loadRelayConfig, RelayConfigurationError, relayProcess } from '#process-managers';
import { leadOnce, loadConfigOrExit, openStores, runEntryPoint } from '#runtime';

const STOP_GRACE_MS = 5000;

/**
 * The award relay as its own process: follows the event store (EVENT_STORE selects it) and
 * publishes the integration events to Kafka and signed webhooks. At-least-once: its checkpoint
 * (in the read-model store) moves only after Kafka acknowledged.
 */
const main = async (): Promise<void> => {
  const config = loadConfigOrExit();
  try {
    loadRelayConfig();
  } catch (error) {
    if (!(error instanceof RelayConfigurationError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const leadership = await leadOnce(config, 'award-relay', (message) => console.log(`award-relay: ${message}`));
  const { store, readModels, vault } = await openStores(config);
  const consumers = relayProcess()({
    store,
    readModels,
    clock: systemClock,
    vault,
    publicBaseUrl: config.publicBaseUrl,
  });
  const hub = new SubscriptionHub(store, consumers, {
    logger: {
      error: (message, error) =>
        console.error(`award-relay: ${message}:`, error instanceof Error ? error.message : error),
    },
  });
  hub.start();
  const kafka = consumers.find((consumer) => consumer instanceof IntegrationRelay);
  console.log(
    kafka
      ? `award-relay: following the ${config.eventStore} store; Kafka from position ${await kafka.position()}, webhooks from each endpoint's checkpoint`
      : `award-relay: KAFKA_BROKERS is not set: delivering webhooks only`,
  );

  let stopping = false;
  const stop = async (signal: string, exitCode = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`award-relay: ${signal}, stopping`);
    // A publish may be retrying against a broker that is down. Wait a bounded time, then go
    // without it: its events have no checkpoint yet and are published again on the next start.
    const stopped = await Promise.race([hub.stop().then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
    if (!stopped)
      console.warn(
        `award-relay: a publish was still in progress after ${STOP_GRACE_MS} ms; its events will be republished`,
      );
    const position = await kafka?.position();
    await store.close();
    await readModels.close();
    await leadership?.release();
    console.log(`award-relay: stopped${position === undefined ? '' : `; Kafka checkpoint at position ${position}`}`);
    process.exit(exitCode);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  // Another replica may take over the moment the lock is gone: stop publishing; the orchestrator restarts us as standby.
  void leadership?.lost.then((error) => void stop(`lost the leader lock (${error.message})`, 1));
};

runEntryPoint(main);
