// @ts-check
/**
 * Prints `containers` or `local` for scripts/with-services.sh; when it falls back to the local
 * services it says why on stderr, in one line.
 */
import { chooseServices } from './choose-services.mjs';
import { containerRuntimeProblem } from './container-runtime.mjs';

const choice = await chooseServices(process.env.TEST_SERVICES, containerRuntimeProblem);
if (choice.kind === 'local')
  console.error(`with-services: using the local PostgreSQL and Kafka, not testcontainers: ${choice.reason}`);
console.log(choice.kind);
