import { jest } from '@jest/globals';
import RequiredServicesReporter from '../support/required-services-reporter.js';

/** Whether the EventStoreDB contract is required on CI: only when EVENTSTORE_URL names a server. */
describe('the required-services reporter and EventStoreDB', () => {
  const REAL_SERVER = 'EventStore contract: EsdbEventStore (real server)';
  const test = (ancestor: string, title: string, status: string) => ({ ancestorTitles: [ancestor], title, status });
  const esdbRun = (...tests: ReturnType<typeof test>[]) => ({
    numPassedTests: 0,
    numFailedTests: 0,
    numPendingTests: 0,
    numTotalTestSuites: 1,
    wasInterrupted: false,
    testResults: [{ testFilePath: '/repo/test/store-contract/esdb.spec.ts', testResults: tests }],
  });
  const withoutServer = esdbRun(
    test('EsdbEventStore mappings', 'maps expected versions', 'passed'),
    test('EsdbEventStore against a real server (skipped: EVENTSTORE_URL not set)', 'runs the contract', 'pending'),
  );
  const withServer = esdbRun(
    test('EsdbEventStore mappings', 'maps expected versions', 'passed'),
    test(REAL_SERVER, 'appends and reads back', 'passed'),
    test(REAL_SERVER, 'rejects a duplicate event id [known EventStoreDB gap]', 'pending'),
  );

  const problemsWith = (env: Record<string, string | undefined>, results: ReturnType<typeof esdbRun>) => {
    const saved = { CI: process.env.CI, EVENTSTORE_URL: process.env.EVENTSTORE_URL };
    Object.assign(process.env, env);
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name];
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const reporter = new RequiredServicesReporter({ rootDir: '/repo' });
      reporter.onRunComplete(undefined, results);
      return reporter.getLastError()?.message;
    } finally {
      log.mockRestore();
      error.mockRestore();
      for (const [name, value] of Object.entries(saved))
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
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
});
