import 'reflect-metadata';
import { runEntryPoint } from '#runtime';
import { loadConfigOrExit } from '#runtime';
import { createApp } from './create-app.js';

/** The records API alone (scaled out); the board runner and relay run as their own processes. */
const main = async (): Promise<void> => {
  const config = loadConfigOrExit();
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  console.log(`records-api listening on http://${config.host}:${config.port} (event store: ${config.eventStore})`);
};

runEntryPoint(main);
