import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';
import type { Consumer, KafkaMessage } from 'kafkajs';
import { fromKafkaRecord, type CloudEvent, type IntegrationLogger } from '#integration';

const { Kafka, logLevel } = kafkajs;

export const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
export const KAFKA_SH = join(dirname(fileURLToPath(import.meta.url)), '../../deploy/kafka/kafka.sh');
export const RUN_ID = `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;

export const kafkaClient = (clientId = `credence-test-${RUN_ID}`, brokers: string[] = BROKERS) =>
  new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    retry: { retries: 2, initialRetryTime: 200 },
    logLevel: logLevel.NOTHING,
  });

/** True when an Admin client can bootstrap and describe the cluster within a few seconds. */
export const brokerReachable = async (): Promise<boolean> => {
  const admin = kafkaClient().admin();
  const probe = (async () => {
    await admin.connect();
    await admin.describeCluster();
    return true;
  })().catch(() => false);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000).unref());
  const reachable = await Promise.race([probe, timeout]);
  await admin.disconnect().catch(() => undefined);
  return reachable;
};

export interface ShellResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs `bash deploy/kafka/kafka.sh <command>` (bounded by `timeoutMs`); `env` (KAFKA_PORT,
 * KAFKA_DATA, …) selects another broker than the shared one.
 */
export const kafkaSh = (
  command: 'start' | 'stop' | 'status',
  timeoutMs = 150_000,
  env: Record<string, string> = {},
): Promise<ShellResult> => {
  const started = Date.now();
  return new Promise((resolve) => {
    const options = { timeout: timeoutMs, env: { ...process.env, ...env } };
    execFile('bash', [KAFKA_SH, command], options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
};

/** Whether the broker at BROKERS is the one kafka.sh manages (so the outage test may stop it). */
export const brokerIsManagedByScript = async (): Promise<boolean> => {
  const port = process.env.KAFKA_PORT ?? '9092';
  if (BROKERS.length !== 1 || !['127.0.0.1', 'localhost'].some((h) => BROKERS[0] === `${h}:${port}`)) return false;
  return (await kafkaSh('status', 60_000)).code === 0;
};

/**
 * Creates the topic and waits until every partition has a leader. kafkajs's own wait gives up on
 * UNKNOWN_TOPIC_OR_PARTITION, which a KRaft broker answers while a new topic's metadata settles
 * (seen under load): that and LEADER_NOT_AVAILABLE are waited out here, for up to 30 s.
 */
export const createTopic = async (topic: string, numPartitions = 3): Promise<void> => {
  const admin = kafkaClient().admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor: 1 }], waitForLeaders: false });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const led = await admin
        .fetchTopicMetadata({ topics: [topic] })
        .then(({ topics }) => topics[0]?.partitions ?? [])
        .then((partitions) => partitions.length === numPartitions && partitions.every((p) => p.leader >= 0))
        .catch((error: { type?: string }) => {
          if (error.type === 'UNKNOWN_TOPIC_OR_PARTITION' || error.type === 'LEADER_NOT_AVAILABLE') return false;
          throw error;
        });
      if (led) return;
      if (Date.now() > deadline) throw new Error(`topic ${topic} has no leader for every partition after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
};

export const deleteTopics = async (topics: string[]): Promise<void> => {
  if (topics.length === 0) return;
  const admin = kafkaClient().admin();
  try {
    await admin.connect();
    await admin.deleteTopics({ topics, timeout: 10_000 });
  } catch {
    // best effort: test topics are uniquely named
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
};

export interface Received {
  event: CloudEvent;
  key: string;
  value: string;
  headers: Record<string, string>;
  partition: number;
  offset: string;
  receivedAt: number;
}

const headerText = (message: KafkaMessage): Record<string, string> =>
  Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]));

/** A kafkajs consumer GROUP reading the topic from the beginning, surviving broker restarts. */
export class CollectingConsumer {
  readonly received: Received[] = [];
  readonly crashes: string[] = [];
  private consumer: Consumer;

  constructor(
    readonly topic: string,
    readonly groupId: string,
    brokers: string[] = BROKERS,
  ) {
    this.consumer = kafkaClient(`consumer-${groupId}`, brokers).consumer({
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      retry: { retries: 50, initialRetryTime: 300, maxRetryTime: 2000, restartOnFailure: async () => true },
    });
    this.consumer.on(this.consumer.events.CRASH, (e) => void this.crashes.push(String(e.payload.error?.message)));
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    let joined!: () => void;
    const groupJoined = new Promise<void>((resolve) => (joined = resolve));
    const off = this.consumer.on(this.consumer.events.GROUP_JOIN, () => joined());
    await this.consumer.run({
      eachMessage: async ({ partition, message }) => {
        this.received.push({
          event: fromKafkaRecord(message),
          key: message.key?.toString() ?? '',
          value: message.value?.toString() ?? '',
          headers: headerText(message),
          partition,
          offset: message.offset,
          receivedAt: Date.now(),
        });
      },
    });
    await groupJoined;
    off();
  }

  ids(): Set<string> {
    return new Set(this.received.map((r) => r.event.id));
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}

export const collectingLogger = (): IntegrationLogger & { lines: string[] } => {
  const lines: string[] = [];
  return {
    lines,
    warn: (m) => void lines.push(`WARN ${m}`),
    error: (m) => void lines.push(`ERROR ${m}`),
    info: () => undefined,
  };
};

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};
