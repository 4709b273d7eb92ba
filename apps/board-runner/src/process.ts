import { Logger } from '@nestjs/common';
import type { ProcessManagersFactory } from '#records-api';
import { BoardRunner } from './board-runner.js';

/** The board runner as a process manager of a records process (standalone, or the board-runner app). */
export const boardRunnerProcess: ProcessManagersFactory = ({ store, readModels, clock }) => {
  const logger = new Logger('BoardRunner');
  return [new BoardRunner(store, readModels, clock, { logger: { warn: (message) => logger.warn(message) } })];
};
