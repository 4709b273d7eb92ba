/**
 * Credence owns its topic: created at start with the configured partitions (never auto-created
 * by the broker), against the shared broker (KAFKA_BROKERS, default 127.0.0.1:9092) with uniquely
 * named topics. Skipped loudly without a broker (kafka.spec.ts fails CI for that).
 */
import { randomUUID } from 'node:crypto';
import { KafkaPublisher, toIntegrationEvent } from '#integration';
import { awardIssued, recorded } from './fixtures.js';
import {
  BROKERS,
  CollectingConsumer,
  RUN_ID,
  brokerReachable,
  collectingLogger,
  createTopic,
  deleteTopics,
  kafkaClient,
} from './kafka-support.js';
import { eventually } from './fixtures.js';

const reachable = await brokerReachable();
if (!reachable) console.warn(`\n*** SKIPPING the Kafka topic suite: no broker at ${BROKERS.join(',')} ***\n`);

const partitionsOf = async (topic: string): Promise<number> => {
  const admin = kafkaClient().admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions.length;
  } finally {
    await admin.disconnect();
  }
};

const topicExists = async (topic: string): Promise<boolean> => {
  const admin = kafkaClient().admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).includes(topic);
  } finally {
    await admin.disconnect();
  }
};

(reachable ? describe : describe.skip)(`Kafka topic ownership (${BROKERS.join(',')})`, () => {
  const topics: string[] = [];
  afterAll(() => deleteTopics(topics));

  it('creates the topic at start with the configured partitions, and publishes with a dataschema header', async () => {
    const topic = `credence.test.owned.${RUN_ID}`;
    topics.push(topic);
    const publisher = new KafkaPublisher({
      brokers: BROKERS,
      topic,
      topicPartitions: 3,
      topicReplication: 1,
      logger: collectingLogger(),
    });
    try {
      expect(await topicExists(topic)).toBe(false);
      await publisher.ensureTopic();
      expect(await partitionsOf(topic)).toBe(3);
      const event = toIntegrationEvent(recorded(awardIssued(randomUUID()), 7), {
        schemaBaseUrl: 'https://credence.example.ac.uk',
      })!;
      await publisher.publish([event]);
      const consumer = new CollectingConsumer(topic, `owned-${RUN_ID}`);
      await consumer.start();
      try {
        expect(await eventually(() => consumer.received.length === 1, 20_000)).toBe(true);
        expect(consumer.received[0]!.headers.ce_dataschema).toBe(
          'https://credence.example.ac.uk/schemas/events/credence.award.issued.v1.json',
        );
        expect(consumer.received[0]!.event).toEqual(event);
      } finally {
        await consumer.stop();
      }
    } finally {
      await publisher.close();
    }
  }, 60_000);

  it('leaves an existing topic as it is and says when it has fewer partitions than configured', async () => {
    const topic = `credence.test.existing.${RUN_ID}`;
    topics.push(topic);
    await createTopic(topic, 1);
    const logger = collectingLogger();
    const publisher = new KafkaPublisher({ brokers: BROKERS, topic, topicPartitions: 6, logger });
    try {
      await publisher.publish([toIntegrationEvent(recorded(awardIssued(randomUUID()), 1))!]);
      expect(await partitionsOf(topic)).toBe(1);
      expect(logger.lines).toContainEqual(
        `WARN Kafka topic ${topic} has 1 partition(s), fewer than the 6 configured; it is left as it is`,
      );
    } finally {
      await publisher.close();
    }
  }, 60_000);
});
