import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteEventStore, SubscriptionHub } from '#event-store';
import { SqliteReadModelStore } from '#projections';
import {
  IntegrationRelay,
  KafkaPublisher,
  ReadModelCheckpointStore,
  ReadModelDeadLetterStore,
  WebhookSink,
  type IntegrationPublisher,
} from '#integration';
import { loadRelayConfig, RelayConfigurationError } from './config.js';

const STOP_GRACE_MS = 5000;

/**
 * The award relay: follows the event log (DATA_DIR/events.db, written by the records API) and
 * publishes the integration events to Kafka and to signed webhooks, with its checkpoint in
 * DATA_DIR/read-models.db. At-least-once: the checkpoint moves only after Kafka acknowledged.
 */
const main = async (): Promise<void> => {
  let config;
  try {
    config = loadRelayConfig();
  } catch (error) {
    if (error instanceof RelayConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (!existsSync(config.dataDir)) {
    console.error(`DATA_DIR ${config.dataDir} does not exist (start the records API first, or set DATA_DIR)`);
    process.exit(1);
  }

  const events = SqliteEventStore.open({ path: config.eventsDb });
  const readModels = new SqliteReadModelStore(config.readModelsDb);
  const sinks: IntegrationPublisher[] = [
    new KafkaPublisher({ brokers: config.kafkaBrokers, topic: config.kafkaTopic, clientId: config.kafkaClientId }),
  ];
  if (config.webhooks.length > 0)
    sinks.push(
      new WebhookSink({
        subscribers: config.webhooks,
        deadLetters: new ReadModelDeadLetterStore(readModels),
        attempts: config.webhookAttempts,
        baseDelayMs: config.webhookBaseDelayMs,
      }),
    );
  const relay = new IntegrationRelay({
    name: config.checkpointName,
    sinks,
    checkpoints: new ReadModelCheckpointStore(readModels),
    source: config.source,
  });
  const hub = new SubscriptionHub(events, [relay], {
    retryDelayMs: 1000,
    logger: {
      error: (message, error) =>
        console.error(`award-relay: ${message}:`, error instanceof Error ? error.message : error),
    },
  });

  hub.start();
  console.log(
    `award-relay: ${config.eventsDb} -> Kafka ${config.kafkaBrokers.join(',')} topic ${config.kafkaTopic}` +
      (config.webhooks.length ? ` + ${config.webhooks.length} webhook(s)` : '') +
      `, from position ${await relay.position()}`,
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
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
    await Promise.race([relay.close(), sleep(2000)]);
    const position = await relay.position();
    await events.close();
    await readModels.close();
    console.log(`award-relay: stopped; checkpoint at position ${position}`);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
};

void main();
