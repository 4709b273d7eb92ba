/**
 * Under CI=true, fails the run when a suite that needs a real service (PostgreSQL, Kafka, Chromium) did not
 * really run: a green run that skipped them would hide a missing service. EventStoreDB is required only
 * when EVENTSTORE_URL names a server (testcontainers provides one wherever Docker is; see the README).
 * TEST_SERVICES_FROM=containers (scripts/test-services/with-containers.mjs) says the services are containers.
 */

/** Only its real-server contract counts: the rest of the file needs no server, and the known gaps always skip. */
const ESDB_REAL_SERVER = {
  file: 'test/store-contract/esdb.spec.ts',
  service: 'EventStoreDB (EVENTSTORE_URL)',
  counts: (test) =>
    test.ancestorTitles[0] === 'EventStore contract: EsdbEventStore (real server)' &&
    !test.title.endsWith('[known EventStoreDB gap]'),
};

const REQUIRED = [
  { file: 'test/store-contract/postgres.spec.ts', service: 'PostgreSQL' },
  { file: 'test/projections/postgres-read-model-store.spec.ts', service: 'PostgreSQL' },
  { file: 'test/e2e/postgres.e2e.spec.ts', service: 'PostgreSQL' },
  { file: 'test/event-store/postgres-leader-lock.spec.ts', service: 'PostgreSQL' },
  { file: 'test/board-runner/leader-election.e2e.spec.ts', service: 'PostgreSQL' },
  {
    file: 'test/integration/kafka.spec.ts',
    service: 'Kafka',
    // The outage test stops and restarts the broker with kafka.sh: a broker in a container is not its to stop.
    counts: (test) => process.env.TEST_SERVICES_FROM !== 'containers' || !test.title.endsWith('(outage test)'),
  },
  { file: 'test/integration/kafka-topics.spec.ts', service: 'Kafka' },
  { file: 'test/integration/webhooks-process.e2e.spec.ts', service: 'Kafka (its own broker via kafka.sh)' },
  { file: 'test/cluster/cluster.e2e.spec.ts', service: 'PostgreSQL and Kafka' },
  { file: 'test/web/web-app.e2e.spec.ts', service: 'Chromium' },
];

export default class RequiredServicesReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.problems = [];
  }

  onRunComplete(_contexts, results) {
    // A plain closing line that any CI can read.
    console.log(
      `\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`,
    );
    if (process.env.CI !== 'true') return;
    const ranAll = results.testResults.length >= results.numTotalTestSuites && !results.wasInterrupted;
    const required = process.env.EVENTSTORE_URL ? [...REQUIRED, ESDB_REAL_SERVER] : REQUIRED;
    for (const { file, service, counts = () => true } of required) {
      const suite = results.testResults.find((r) => r.testFilePath.endsWith(file));
      if (!suite) {
        if (ranAll && results.numTotalTestSuites > 20) this.problems.push(`${file} (${service}) did not run`);
        continue;
      }
      const tests = suite.testResults.filter(counts);
      const passed = tests.filter((t) => t.status === 'passed').length;
      const skipped = tests.filter((t) => t.status === 'pending' || t.status === 'skipped').length;
      if (passed === 0 || skipped > 0)
        this.problems.push(`${file} needs ${service} and was skipped (${passed} passed, ${skipped} skipped)`);
    }
    for (const problem of this.problems) console.error(`\nCI: ${problem}`);
  }

  getLastError() {
    return this.problems.length ? new Error(this.problems.join('; ')) : undefined;
  }
}
