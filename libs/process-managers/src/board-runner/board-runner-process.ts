import { Logger } from '@nestjs/common';
import { ParkingConsumer } from '#projections';
import type { ProcessManagersFactory } from '#runtime';
import { BoardRunner } from './board-runner.js';

/**
 * The board runner as a process manager of a records process (standalone, or the board-runner app).
 * A stream it fails on is parked, not retried for ever: the runner carries on with everyone else.
 */
export const boardRunnerProcess: ProcessManagersFactory = ({ store, readModels, clock }) => {
  const logger = new Logger('BoardRunner');
  const runner = new BoardRunner(store, readModels, clock, { logger: { warn: (message) => logger.warn(message) } });
  return [new ParkingConsumer(runner, readModels, store, clock)];
};
