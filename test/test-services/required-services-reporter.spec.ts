import { jest } from '@jest/globals';
import RequiredServicesReporter from '../support/required-services-reporter.js';

/** What the reporter requires on CI where the services may come from testcontainers. */
describe('the required-services reporter with or without containers', () => {
  const REAL_SERVER = 'EventStore contract: EsdbEventStore (real server)';
  const test = (ancestor: string, title: string, status: string) => ({ ancestorTitles: [ancestor], title, status });
  const run = (file: string, ...tests: ReturnType<typeof test>[]) => ({
    numPassedTests: 0,
    numFailedTests: 0,
    numPendingTests: 0,
    numTotalTestSuites: 1,
    wasInterrupted: false,
    testResults: [{ testFilePath: `/repo/${file}`, testResults: tests }],
  });
  const ESDB = 'test/store-contract/esdb.spec.ts';
  const withoutServer = run(
    ESDB,
    test('EsdbEventStore mappings', 'maps expected versions', 'passed'),
    test('EsdbEventStore against a real server (skipped: EVENTSTORE_URL not set)', 'runs the contract', 'pending'),
  );
  const withServer = run(
    ESDB,
    test('EsdbEventStore mappings', 'maps expected versions', 'passed'),
    test(REAL_SERVER, 'appends and reads back', 'passed'),
    test(REAL_SERVER, 'rejects a duplicate event id [known EventStoreDB gap]', 'pending'),
  );

  const setEnv = (env: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(env))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  };

  const problemsWith = (env: Record<string, string | undefined>, results: ReturnType<typeof run>) => {
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    setEnv(env);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const reporter = new RequiredServicesReporter({ rootDir: '/repo' });
      reporter.onRunComplete(undefined, results);
      return reporter.getLastError()?.message;
    } finally {
      log.mockRestore();
      error.mockRestore();
      setEnv(saved);
    }
  };

  it('allows the real-server contract to skip when no server is given', () => {
    expect(problemsWith({ CI: 'true', EVENTSTORE_URL: undefined }, withoutServer)).toBeUndefined();
  });

  it('requires it when EVENTSTORE_URL names a server, as testcontainers sets it', () => {
    expect(problemsWith({ CI: 'true', EVENTSTORE_URL: 'esdb://localhost:2113?tls=false' }, withoutServer)).toMatch(
      /esdb\.spec\.ts needs EventStoreDB \(EVENTSTORE_URL\) and was skipped \(0 passed, 0 skipped\)/,
    );
  });

  it('counts only the real-server tests, and not the known gaps, once it ran', () => {
    expect(problemsWith({ CI: 'true', EVENTSTORE_URL: 'esdb://localhost:2113?tls=false' }, withServer)).toBeUndefined();
  });

  it('lets the Kafka outage test skip only when the broker is a container (kafka.sh cannot stop it)', () => {
    const KAFKA = 'test/integration/kafka.spec.ts';
    const outageSkipped = run(
      KAFKA,
      test('IntegrationRelay -> Kafka', 'delivers every award', 'passed'),
      test('IntegrationRelay -> Kafka', 'loses no award event when the broker stops (outage test)', 'pending'),
    );
    expect(problemsWith({ CI: 'true', TEST_SERVICES_FROM: 'containers' }, outageSkipped)).toBeUndefined();
    expect(problemsWith({ CI: 'true', TEST_SERVICES_FROM: undefined }, outageSkipped)).toMatch(
      /kafka\.spec\.ts needs Kafka and was skipped \(1 passed, 1 skipped\)/,
    );
  });
});
