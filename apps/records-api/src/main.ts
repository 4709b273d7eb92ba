import 'reflect-metadata';
import { loadConfigOrExit, readModelsShared, runEntryPoint } from '#runtime';
import { createApp } from './create-app.js';

/**
 * The API role (scaled out): commands and queries. On shared (PostgreSQL) read models it only reads
 * them: the projector, board runner and relay run as their own processes. On a SQLite file of its
 * own it projects too, since no other process can.
 */
const main = async (): Promise<void> => {
  const config = loadConfigOrExit();
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const reads = readModelsShared(config) ? 'reads the projector’s read models' : 'projects its own read models';
  console.log(
    `records-api listening on http://${config.host}:${config.port} (event store: ${config.eventStore}; ${reads})`,
  );
};

runEntryPoint(main);
