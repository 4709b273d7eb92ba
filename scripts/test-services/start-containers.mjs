// @ts-check
import { KafkaContainer } from '@testcontainers/kafka';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { GenericContainer, Wait } from 'testcontainers';

const KURRENTDB_PORT = 2113;
/** The port KafkaContainer publishes its PLAINTEXT listener on, advertised with the mapped host port. */
const KAFKA_PORT = 9093;

/**
 * PostgreSQL, Kafka (KRaft) and KurrentDB, started together; `env` holds the variables the suites
 * read (test/support/postgres.ts, test/integration/kafka-support.ts, test/store-contract/esdb.spec.ts).
 *
 * @returns {Promise<{ env: Record<string, string>, stop: () => Promise<void> }>}
 */
export const startContainers = async () => {
  const [postgres, kafka, kurrentdb] = await Promise.all([
    // Room for the cluster test's processes; fsync off because nothing here outlives the run.
    new PostgreSqlContainer('postgres:17')
      .withDatabase('test')
      .withCommand(['postgres', '-c', 'max_connections=300', '-c', 'fsync=off'])
      .start(),
    new KafkaContainer('confluentinc/cp-kafka:8.0.0').withKraft().start(),
    new GenericContainer('docker.kurrent.io/kurrent-latest/kurrentdb:latest')
      .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_RUN_PROJECTIONS: 'None', KURRENTDB_MEM_DB: 'true' })
      .withExposedPorts(KURRENTDB_PORT)
      .withWaitStrategy(Wait.forHttp('/health/live', KURRENTDB_PORT).forStatusCodeMatching((s) => s < 300))
      .start(),
  ]);
  return {
    env: {
      DATABASE_URL: postgres.getConnectionUri(),
      KAFKA_BROKERS: `${kafka.getHost()}:${kafka.getMappedPort(KAFKA_PORT)}`,
      EVENTSTORE_URL: `esdb://${kurrentdb.getHost()}:${kurrentdb.getMappedPort(KURRENTDB_PORT)}?tls=false`,
    },
    stop: async () => {
      await Promise.all([postgres.stop(), kafka.stop(), kurrentdb.stop()]);
    },
  };
};
