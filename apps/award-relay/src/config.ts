import { DEFAULT_CLOUD_EVENT_SOURCE, DEFAULT_KAFKA_TOPIC } from '#integration';
import { envReader } from '#records-api';

export interface RelayConfig {
  kafkaBrokers: string[];
  kafkaTopic: string;
  kafkaClientId: string;
  source: string;
  webhooks: { url: string; secret: string }[];
  webhookAttempts: number;
  webhookBaseDelayMs: number;
  /** Checkpoint name in read-models.db. */
  checkpointName: string;
}

export class RelayConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid award-relay configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RelayConfigurationError';
  }
}

/** Reads the relay's environment; lists every problem at once. */
export const loadRelayConfig = (env: NodeJS.ProcessEnv = process.env): RelayConfig => {
  const problems: string[] = [];
  const { integer, list, brokers } = envReader(env, problems);

  const eventStore = env.EVENT_STORE ?? 'sqlite';
  if (eventStore !== 'sqlite')
    problems.push(`EVENT_STORE: the award relay supports only sqlite for now (got "${eventStore}")`);

  const kafkaBrokers = brokers('KAFKA_BROKERS');
  if (kafkaBrokers.length === 0) problems.push('KAFKA_BROKERS is required (host:port[,host:port...])');

  const kafkaTopic = env.KAFKA_TOPIC || DEFAULT_KAFKA_TOPIC;
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(kafkaTopic))
    problems.push(`KAFKA_TOPIC is not a valid topic name (got "${kafkaTopic}")`);

  const urls = list('WEBHOOK_URLS');
  for (const url of urls) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`WEBHOOK_URLS entries must be http(s) URLs (got "${url}")`);
  }
  const secret = env.WEBHOOK_SECRET ?? '';
  if (urls.length > 0 && secret.length < 16)
    problems.push('WEBHOOK_SECRET (at least 16 characters) is required with WEBHOOK_URLS');

  const config: RelayConfig = {
    kafkaBrokers,
    kafkaTopic,
    kafkaClientId: env.KAFKA_CLIENT_ID || 'credence-award-relay',
    source: env.CLOUDEVENTS_SOURCE || DEFAULT_CLOUD_EVENT_SOURCE,
    webhooks: urls.map((url) => ({ url, secret })),
    webhookAttempts: integer('WEBHOOK_ATTEMPTS', 5, 1, 20),
    webhookBaseDelayMs: integer('WEBHOOK_BASE_DELAY_MS', 500, 0, 60_000),
    checkpointName: env.RELAY_CHECKPOINT || 'award-relay',
  };
  if (problems.length > 0) throw new RelayConfigurationError(problems);
  return config;
};
