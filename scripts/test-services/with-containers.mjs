// @ts-check
/**
 * Runs a command (its arguments) with PostgreSQL, Kafka and KurrentDB from testcontainers, and
 * stops them afterwards; exits with the command's status.
 */
import { spawn } from 'node:child_process';
import { startContainers } from './start-containers.mjs';

const [command, ...args] = process.argv.slice(2);
if (command === undefined) throw new Error('usage: with-containers.mjs <command> [args...]');

console.error('with-services: starting PostgreSQL, Kafka and KurrentDB with testcontainers');
const { env, stop } = await startContainers();
console.error(
  `with-services: ${Object.entries(env)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ')}`,
);

const status = await new Promise((resolve) => {
  // TEST_SERVICES_FROM tells test/support/required-services-reporter.js what it may not expect (kafka.sh's broker).
  const child = spawn(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env, TEST_SERVICES_FROM: 'containers' },
  });
  // Ctrl-C reaches the child through the terminal; this process waits for it and then cleans up.
  process.on('SIGINT', () => undefined);
  child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});
await stop();
process.exit(status);
