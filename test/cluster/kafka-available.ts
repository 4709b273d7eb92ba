import { setTimeout as sleep } from 'node:timers/promises';
import { BROKERS, brokerReachable } from '../integration/kafka-support.js';
import { serviceAvailableFor } from '../support/required-service.js';

/** On CI the broker is there but may be down for a minute: the outage test restarts it. */
const reachableWithin = async (ms: number): Promise<boolean> => {
  for (const deadline = Date.now() + ms; ; await sleep(2000)) {
    if (await brokerReachable()) return true;
    if (Date.now() > deadline) return false;
  }
};
const reachable = await reachableWithin(process.env.CI === 'true' ? 180_000 : 0);

/** True when the suite can run; otherwise it fails on CI or skips loudly (serviceAvailableFor). */
export const kafkaAvailableFor = (suite: string): boolean =>
  serviceAvailableFor(
    suite,
    'a reachable Kafka',
    reachable
      ? undefined
      : `Kafka is not reachable at ${BROKERS.join(',')}: start it with \`bash deploy/kafka/kafka.sh start\` (or set KAFKA_BROKERS)`,
  );
