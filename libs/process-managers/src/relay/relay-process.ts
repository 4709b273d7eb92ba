import { Logger } from '@nestjs/common';
import type { CheckpointedConsumer } from '#event-store';
import {
  defaultRetryPolicy,
  disableWebhookSubscription,
  errorMessage,
  IntegrationRelay,
  KafkaPublisher,
  openWebhookSecrets,
  ReadModelCheckpointStore,
  WebhookDispatcher,
} from '#integration';
import type { ProcessManagersFactory } from '#runtime';
import { loadRelayConfig } from './relay-config.js';

/**
 * Integration delivery as process managers of a records process (the standalone system) or of
 * the award-relay process: Standard Webhooks delivery always, and the Kafka relay when brokers are
 * configured. Each keeps its own checkpoints, so neither waits for the other.
 */
export const relayProcess =
  (env: NodeJS.ProcessEnv = process.env): ProcessManagersFactory =>
  ({ store, readModels, clock, vault, publicBaseUrl }) => {
    const config = loadRelayConfig(env);
    const logger = new Logger('AwardRelay');
    const log = { warn: (message: string) => logger.warn(message), error: (message: string) => logger.error(message) };
    const cloudEvents = { source: config.source, schemaBaseUrl: publicBaseUrl };
    const webhooks = new WebhookDispatcher({
      store,
      readModels,
      clock,
      secrets: openWebhookSecrets(vault),
      disable: disableWebhookSubscription(store, clock),
      retry: defaultRetryPolicy(config.webhookRetrySchedule),
      timeoutMs: config.webhookTimeoutMs,
      pollMs: config.webhookPollMs,
      cloudEvents,
      logger: log,
    });
    const consumers: CheckpointedConsumer[] = [webhooks];
    if (config.kafkaBrokers.length > 0) {
      const kafka = new KafkaPublisher({
        brokers: config.kafkaBrokers,
        topic: config.kafkaTopic,
        clientId: config.kafkaClientId,
        topicPartitions: config.kafkaTopicPartitions,
        topicReplication: config.kafkaTopicReplication,
        logger: log,
      });
      // At start, not at the first award: the topic exists before anyone consumes (a failure is retried on publish).
      kafka.ensureTopic().catch((error: unknown) => log.warn(`Kafka topic not created yet: ${errorMessage(error)}`));
      consumers.push(
        new IntegrationRelay({
          name: config.checkpointName,
          sinks: [kafka],
          checkpoints: new ReadModelCheckpointStore(readModels),
          ...cloudEvents,
        }),
      );
    }
    return consumers;
  };
