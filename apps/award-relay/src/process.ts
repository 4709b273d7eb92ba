import { Logger } from '@nestjs/common';
import {
  IntegrationRelay,
  KafkaPublisher,
  ReadModelCheckpointStore,
  ReadModelDeadLetterStore,
  WebhookSink,
  type IntegrationPublisher,
} from '#integration';
import type { ProcessManagersFactory } from '#records-api';
import { loadRelayConfig } from './config.js';

/**
 * The relay as a process manager of a records process: used by the standalone system when
 * KAFKA_BROKERS is set. (The award-relay app runs the same relay in a process of its own.)
 */
export const relayProcess =
  (env: NodeJS.ProcessEnv = process.env): ProcessManagersFactory =>
  ({ readModels }) => {
    const config = loadRelayConfig(env);
    const logger = new Logger('AwardRelay');
    const sinks: IntegrationPublisher[] = [
      new KafkaPublisher({
        brokers: config.kafkaBrokers,
        topic: config.kafkaTopic,
        clientId: config.kafkaClientId,
        logger: { warn: (message) => logger.warn(message), error: (message) => logger.error(message) },
      }),
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
    return [
      new IntegrationRelay({
        name: config.checkpointName,
        sinks,
        checkpoints: new ReadModelCheckpointStore(readModels),
        source: config.source,
      }),
    ];
  };
