import { loadRelayConfig, RelayConfigurationError } from '../../apps/award-relay/src/config.js';

describe('award-relay configuration', () => {
  it('needs only KAFKA_BROKERS; the rest has defaults', () => {
    const config = loadRelayConfig({ KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9092', DATA_DIR: '/var/credence' });
    expect(config).toMatchObject({
      kafkaBrokers: ['127.0.0.1:9092', 'kafka-2:9092'],
      kafkaTopic: 'credence.awards.v1',
      source: 'urn:credence:records',
      webhooks: [],
      checkpointName: 'award-relay',
    });
  });

  it('reads webhooks with a shared secret', () => {
    const config = loadRelayConfig({
      KAFKA_BROKERS: 'k:9092',
      KAFKA_TOPIC: 'awards.prod',
      WEBHOOK_URLS: 'https://lms.example.org/hooks,https://crm.example.org/in',
      WEBHOOK_SECRET: 'a-long-enough-secret',
    });
    expect(config.kafkaTopic).toBe('awards.prod');
    expect(config.webhooks).toEqual([
      { url: 'https://lms.example.org/hooks', secret: 'a-long-enough-secret' },
      { url: 'https://crm.example.org/in', secret: 'a-long-enough-secret' },
    ]);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadRelayConfig({
        EVENT_STORE: 'esdb',
        WEBHOOK_URLS: 'ftp://x',
        WEBHOOK_SECRET: 'short',
        KAFKA_TOPIC: 'bad topic!',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RelayConfigurationError);
    expect((error as RelayConfigurationError).problems).toEqual([
      'EVENT_STORE: the award relay supports only sqlite for now (got "esdb")',
      'KAFKA_BROKERS is required (host:port[,host:port...])',
      'KAFKA_TOPIC is not a valid topic name (got "bad topic!")',
      'WEBHOOK_URLS entries must be http(s) URLs (got "ftp://x")',
      'WEBHOOK_SECRET (at least 16 characters) is required with WEBHOOK_URLS',
    ]);
  });
});
