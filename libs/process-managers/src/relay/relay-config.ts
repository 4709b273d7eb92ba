import {
  DEFAULT_CLOUD_EVENT_SOURCE,
  DEFAULT_KAFKA_TOPIC,
  DEFAULT_RETRY_SCHEDULE_MS,
  DEFAULT_TOPIC_PARTITIONS,
  parseRetrySchedule,
} from '#integration';
import { AWARD_RELAY_CHECKPOINT, envReader } from '#runtime';

export interface RelayConfig {
  /** Empty: no Kafka relay (webhooks are delivered all the same). */
  kafkaBrokers: string[];
  kafkaTopic: string;
  /** Partitions and replication the topic is created with (KAFKA_TOPIC_PARTITIONS, KAFKA_TOPIC_REPLICATION; -1 = the broker's default). */
  kafkaTopicPartitions: number;
  kafkaTopicReplication: number;
  kafkaClientId: string;
  source: string;
  /** Delays before each webhook retry (WEBHOOK_RETRY_SCHEDULE, e.g. `5s,5m,30m,2h,5h,10h`). */
  webhookRetrySchedule: readonly number[];
  webhookTimeoutMs: number;
  webhookPollMs: number;
  /** The Kafka relay's checkpoint name in the read-model store (each webhook endpoint keeps its own). */
  checkpointName: string;
}

export class RelayConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid award-relay configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RelayConfigurationError';
  }
}

/**
 * Reads the relay's own environment; lists every problem at once. Without KAFKA_BROKERS only webhooks
 * are delivered. The stores (EVENT_STORE, DATABASE_URL) are the AppConfig's, read by loadConfig.
 */
export const loadRelayConfig = (env: NodeJS.ProcessEnv = process.env): RelayConfig => {
  const problems: string[] = [];
  const { integer, brokers, topic } = envReader(env, problems);

  const kafkaBrokers = brokers('KAFKA_BROKERS');

  const kafkaTopic = topic('KAFKA_TOPIC', DEFAULT_KAFKA_TOPIC);

  if (env.WEBHOOK_URLS || env.WEBHOOK_SECRET)
    problems.push(
      'WEBHOOK_URLS and WEBHOOK_SECRET are no longer read: create each endpoint with POST /v1/webhooks/subscriptions (it gets a secret of its own)',
    );
  const schedule = env.WEBHOOK_RETRY_SCHEDULE
    ? parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE)
    : DEFAULT_RETRY_SCHEDULE_MS;
  if (!schedule)
    problems.push(
      `WEBHOOK_RETRY_SCHEDULE must list delays like 5s,5m,30m,2h,5h,10h (got "${env.WEBHOOK_RETRY_SCHEDULE}")`,
    );

  const config: RelayConfig = {
    kafkaBrokers,
    kafkaTopic,
    kafkaTopicPartitions: integer('KAFKA_TOPIC_PARTITIONS', DEFAULT_TOPIC_PARTITIONS, 1, 10_000),
    kafkaTopicReplication: integer('KAFKA_TOPIC_REPLICATION', -1, -1, 32),
    kafkaClientId: env.KAFKA_CLIENT_ID || 'credence-award-relay',
    source: env.CLOUDEVENTS_SOURCE || DEFAULT_CLOUD_EVENT_SOURCE,
    webhookRetrySchedule: schedule ?? DEFAULT_RETRY_SCHEDULE_MS,
    webhookTimeoutMs: integer('WEBHOOK_TIMEOUT_MS', 15_000, 100, 60_000),
    webhookPollMs: integer('WEBHOOK_POLL_MS', 1000, 10, 60_000),
    checkpointName: env.RELAY_CHECKPOINT || AWARD_RELAY_CHECKPOINT,
  };
  if (problems.length > 0) throw new RelayConfigurationError(problems);
  return config;
};
