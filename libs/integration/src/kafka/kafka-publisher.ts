// The only file that imports kafkajs (in maintenance mode since 2023): the IntegrationPublisher
// port keeps it swappable (e.g. for @confluentinc/kafka-javascript) without touching the relay.
import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs from 'kafkajs';
import type { LogEntry, Producer } from 'kafkajs';
import type { CloudEvent } from '../cloud-events.js';
import { consoleLogger, type IntegrationLogger, type IntegrationPublisher } from '../publisher.port.js';
import { errorMessage } from '../error-message.js';
import { toKafkaRecord } from './kafka-binding.js';

const { Kafka, Partitioners, logLevel } = kafkajs;

export const DEFAULT_KAFKA_TOPIC = 'credence.awards.v1';
export const DEFAULT_TOPIC_PARTITIONS = 6;

export interface KafkaPublisherOptions {
  /** host:port list. */
  brokers: readonly string[];
  /** Default `credence.awards.v1`. */
  topic?: string;
  /** Default `credence-award-relay`. */
  clientId?: string;
  /**
   * Idempotent producer (default true): the broker drops duplicates that the producer's own
   * retries would otherwise write within one publish. Works with kafkajs 2.2.4 against Kafka 4.
   */
  idempotent?: boolean;
  /** kafkajs retries inside one publish before it rejects. Default 5 from 300 ms, at most 5 s apart (~10 s). */
  retry?: { retries?: number; initialRetryTime?: number; maxRetryTime?: number };
  /** TCP connect timeout, default 3000 ms. */
  connectionTimeoutMs?: number;
  /** Request timeout, default 30000 ms. */
  requestTimeoutMs?: number;
  /** How long the leader waits for the in-sync replicas (acks=all), default 30000 ms. */
  ackTimeoutMs?: number;
  /** Receives kafkajs warnings and errors; default console. */
  logger?: IntegrationLogger;
  /**
   * How the topic is created if it does not exist (KAFKA_TOPIC_PARTITIONS, KAFKA_TOPIC_REPLICATION).
   * Partitions default 6; replication -1, the broker's `default.replication.factor`.
   */
  topicPartitions?: number;
  topicReplication?: number;
}

/** A publish the broker did not acknowledge; the relay keeps its checkpoint and retries. */
export class KafkaPublishError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KafkaPublishError';
  }
}

/**
 * Publishes CloudEvents to one topic in binary mode (see kafka-binding.ts), key = learner id,
 * acks = all (-1). `publish` resolves only when the broker has acknowledged every record of
 * the batch, and rejects otherwise (the relay then keeps its checkpoint and retries).
 *
 * Connects lazily on the first publish. After a failed publish the producer is thrown away and
 * the next publish builds a fresh one (new producer id): kafkajs's idempotent sequence numbers
 * may be out of step with the broker after an unacknowledged request, and a fresh producer id
 * sidesteps OUT_OF_ORDER_SEQUENCE_NUMBER errors. Idempotence therefore covers the retries within
 * one publish; across failed publishes duplicates are possible and carry the same CloudEvent id.
 * One in-flight request per connection keeps per-key order across internal retries.
 */
export class KafkaPublisher implements IntegrationPublisher {
  readonly name = 'kafka';
  readonly topic: string;
  private readonly kafka: InstanceType<typeof Kafka>;
  private readonly logger: IntegrationLogger;
  private producer: Promise<Producer> | undefined;
  private topicReady: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: KafkaPublisherOptions) {
    if (options.brokers.length === 0) throw new Error('KafkaPublisher needs at least one broker');
    this.topic = options.topic ?? DEFAULT_KAFKA_TOPIC;
    this.logger = options.logger ?? consoleLogger;
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'credence-award-relay',
      brokers: [...options.brokers],
      connectionTimeout: options.connectionTimeoutMs ?? 3000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      retry: this.retry(),
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => this.log(entry),
    });
  }

  async publish(events: readonly CloudEvent[]): Promise<void> {
    if (this.closed) throw new KafkaPublishError('KafkaPublisher is closed');
    if (events.length === 0) return;
    let producer: Producer;
    try {
      producer = await this.connect();
    } catch (error) {
      throw new KafkaPublishError(
        `cannot connect to Kafka (${this.options.brokers.join(',')}): ${errorMessage(error)}`,
        {
          cause: error,
        },
      );
    }
    try {
      await producer.send({
        topic: this.topic,
        acks: -1,
        timeout: this.options.ackTimeoutMs ?? 30_000,
        messages: events.map(toKafkaRecord),
      });
    } catch (error) {
      await this.discard(producer);
      throw new KafkaPublishError(
        `Kafka did not acknowledge ${events.length} event(s) on ${this.topic} (first ${events[0]!.id}): ${errorMessage(error)}`,
        { cause: error },
      );
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    // A connect may be retrying against a broker that is down: do not wait for it for long.
    const producer = await Promise.race([this.producer?.catch(() => undefined), sleep(1000).then(() => undefined)]);
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  /**
   * Creates the topic with the configured partitions and replication unless it exists (Credence
   * owns it: the producer never lets the broker auto-create it with the broker's defaults). An
   * existing topic is left as it is; fewer partitions than configured are reported, never changed
   * here (adding partitions moves keys, so learners' events would lose their order).
   */
  ensureTopic(): Promise<void> {
    this.topicReady ??= this.createTopic().catch((error: unknown) => {
      this.topicReady = undefined;
      throw error;
    });
    return this.topicReady;
  }

  private async createTopic(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const partitions = this.options.topicPartitions ?? DEFAULT_TOPIC_PARTITIONS;
      // Leaders are not awaited here (kafkajs's wait gives up on a KRaft broker's brief
      // UNKNOWN_TOPIC_OR_PARTITION): the producer's send retries until they are elected.
      const created = await admin.createTopics({
        waitForLeaders: false,
        topics: [
          {
            topic: this.topic,
            numPartitions: partitions,
            replicationFactor: this.options.topicReplication ?? -1,
            configEntries: [{ name: 'cleanup.policy', value: 'delete' }],
          },
        ],
      });
      if (created) {
        this.logger.info?.(`created Kafka topic ${this.topic} with ${partitions} partition(s)`);
        return;
      }
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [this.topic] })).topics;
      const existing = metadata?.partitions.length ?? 0;
      if (existing < partitions)
        this.logger.warn(
          `Kafka topic ${this.topic} has ${existing} partition(s), fewer than the ${partitions} configured; it is left as it is`,
        );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private connect(): Promise<Producer> {
    this.producer ??= (async () => {
      try {
        await this.ensureTopic();
      } catch (error) {
        this.producer = undefined;
        throw error;
      }
      const producer = this.kafka.producer({
        idempotent: this.options.idempotent ?? true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner, // Java-compatible murmur2 on the key
        allowAutoTopicCreation: false,
        retry: this.retry(),
      });
      try {
        await producer.connect();
        return producer;
      } catch (error) {
        this.producer = undefined;
        await producer.disconnect().catch(() => undefined);
        throw error;
      }
    })();
    return this.producer;
  }

  private async discard(producer: Producer): Promise<void> {
    if (this.producer && (await this.producer.catch(() => undefined)) === producer) this.producer = undefined;
    await producer.disconnect().catch(() => undefined);
  }

  private retry() {
    return {
      retries: this.options.retry?.retries ?? 5,
      initialRetryTime: this.options.retry?.initialRetryTime ?? 300,
      maxRetryTime: this.options.retry?.maxRetryTime ?? 5000,
    };
  }

  private log({ level, namespace, log }: LogEntry): void {
    const { message, timestamp: _timestamp, logger: _logger, stack: _stack, ...details } = log;
    // Deliberate: retries are bounded so that a publish fails (and the relay retries from its checkpoint).
    if (message.includes('Limiting retries for the idempotent producer')) return;
    // Warnings only: kafkajs logs every retriable hiccup as an error; a publish that really fails
    // rejects, and the hub logs that as the error.
    const context = Object.keys(details).length ? ` ${JSON.stringify(details)}` : '';
    this.logger.warn(`kafkajs ${namespace} ${level === logLevel.ERROR ? 'error' : 'warning'}: ${message}${context}`);
  }
}
