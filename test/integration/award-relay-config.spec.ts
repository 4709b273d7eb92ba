import { DEFAULT_RETRY_SCHEDULE_MS } from '#integration';
import { loadRelayConfig, RelayConfigurationError } from '#process-managers';

describe('award-relay configuration', () => {
  it('needs nothing: without KAFKA_BROKERS only webhooks are delivered, on the real retry schedule', () => {
    const config = loadRelayConfig({});
    expect(config).toMatchObject({
      kafkaBrokers: [],
      kafkaTopic: 'credence.awards.v1',
      source: 'urn:credence:records',
      checkpointName: 'award-relay',
      webhookTimeoutMs: 15_000,
    });
    expect(config.webhookRetrySchedule).toEqual(DEFAULT_RETRY_SCHEDULE_MS);
    expect(DEFAULT_RETRY_SCHEDULE_MS).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000]);
  });

  it('reads the brokers, the topic and a short retry schedule for tests', () => {
    const config = loadRelayConfig({
      KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9092',
      KAFKA_TOPIC: 'awards.prod',
      WEBHOOK_RETRY_SCHEDULE: '200ms,1s,2m,1h',
    });
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092', 'kafka-2:9092']);
    expect(config.kafkaTopic).toBe('awards.prod');
    expect(config.webhookRetrySchedule).toEqual([200, 1000, 120_000, 3_600_000]);
  });

  it('lists every problem at once, and says where webhook endpoints went', () => {
    let error: unknown;
    try {
      loadRelayConfig({
        EVENT_STORE: 'esdb',
        KAFKA_BROKERS: 'no-port',
        WEBHOOK_URLS: 'https://x.example.org',
        WEBHOOK_RETRY_SCHEDULE: '5s,soon',
        KAFKA_TOPIC: 'bad topic!',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RelayConfigurationError);
    expect((error as RelayConfigurationError).problems).toEqual([
      'KAFKA_BROKERS entries must be host:port (got "no-port")',
      'KAFKA_TOPIC is not a valid topic name (got "bad topic!")',
      'WEBHOOK_URLS and WEBHOOK_SECRET are no longer read: create each endpoint with POST /v1/webhooks/subscriptions (it gets a secret of its own)',
      'WEBHOOK_RETRY_SCHEDULE must list delays like 5s,5m,30m,2h,5h,10h (got "5s,soon")',
    ]);
  });
});
