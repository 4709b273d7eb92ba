import { setTimeout as sleep } from 'node:timers/promises';
import { BROKERS, brokerReachable } from '../integration/kafka-support.js';

/** On CI the broker is there but may be down for a minute: the outage test restarts it. */
const reachableWithin = async (ms: number): Promise<boolean> => {
  for (const deadline = Date.now() + ms; ; await sleep(2000)) {
    if (await brokerReachable()) return true;
    if (Date.now() > deadline) return false;
  }
};
const reachable = await reachableWithin(process.env.CI === 'true' ? 180_000 : 0);

/**
 * True when the suite can run. Otherwise registers, in place of the suite, a failing test on CI
 * (CI=true) or a loud skip elsewhere, and returns false (as postgresAvailableFor does).
 */
export const kafkaAvailableFor = (suite: string): boolean => {
  if (reachable) return true;
  const message = `Kafka is not reachable at ${BROKERS.join(',')}: start it with \`bash deploy/kafka/kafka.sh start\` (or set KAFKA_BROKERS)`;
  if (process.env.CI === 'true') {
    describe(suite, () => {
      it('needs a reachable Kafka on CI', () => {
        throw new Error(message);
      });
    });
  } else {
    console.warn(`\n*** SKIPPING the ${suite} suite: ${message} ***\n`);
    describe.skip(`${suite} (skipped: Kafka unreachable)`, () => {
      it('runs', () => undefined);
    });
  }
  return false;
};
