import 'reflect-metadata';
import { boardRunnerProcess, relayProcess } from '#process-managers';
import { loadConfigOrExit, readModelsShared, runEntryPoint, StartupError, type ProcessManagersFactory } from '#runtime';
import { signHs256 } from '../auth/jwt.js';
import { createApp } from '../create-app.js';
import { localAuthSecret } from '../infrastructure/infrastructure.module.js';
import { loadSampleData } from './sample-data.js';

/** The whole system in one process on the embedded SQLite store: what `npm start` runs. */
const main = async (): Promise<void> => {
  // `npm start` asks for the development identity provider; `npm run start:prod` never runs it.
  const devSignIn = process.argv.includes('--dev-sign-in') ? { AUTH_DEV_PROVIDER: 'on' } : {};
  const config = loadConfigOrExit({ ...process.env, ...devSignIn });
  // It plays every role without their locks: beside another process on shared read models, two would own one consumer.
  if (readModelsShared(config))
    throw new StartupError(
      'the standalone runs every role in one process on the embedded store; on PostgreSQL run the roles ' +
        '(dist/apps/records-api/src/main.js, dist/apps/projector/src/main.js, dist/apps/board-runner/src/main.js, ' +
        'dist/apps/award-relay/src/main.js: one of each is enough), which lead their consumers under locks',
    );
  // Every role in one process: the API, the projector, the micro-board runner, webhook delivery and, with Kafka configured, the relay.
  const processes: ProcessManagersFactory = (ports) => [...boardRunnerProcess(ports), ...relayProcess()(ports)];
  const app = await createApp(config, { processes, playsProjector: true });
  await app.init();
  if (process.argv.includes('--sample')) {
    const sample = await loadSampleData(app);
    if (sample.loaded)
      console.log(
        `Loaded sample data: ${sample.courses.length} courses, ${sample.learners.length} learners (ids: ${sample.learners.join(', ')})`,
      );
  }
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host}:${config.port}`;
  console.log(`Credence is listening on ${url} (data in ${config.dataDir}); API docs at ${url}/docs`);
  if (config.auth.devProvider)
    console.log(`Sign in at ${url}: the development identity provider (${url}/oidc) offers a sample user per role.`);
  if (config.auth.jwtSecret || config.auth.jwksUrl) return;
  console.log(
    `Local tokens are signed with the secret in ${config.dataDir}/auth-secret. Mint one with: npm run token -- registry`,
  );
  // Only to a terminal: output sent to a file or a log collector would keep a working credential.
  if (process.stdout.isTTY)
    console.log(
      `A registry token for the next hour: ${signHs256({ sub: 'registry-local', roles: ['registry'] }, localAuthSecret(config))}`,
    );
};

runEntryPoint(main);
