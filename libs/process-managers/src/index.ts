export * from './board-runner/board-runner.js';
export * from './board-runner/board-runner-process.js';
export * from './board-runner/board-partition.js';
export * from './relay/relay-config.js';
export * from './relay/relay-process.js';
