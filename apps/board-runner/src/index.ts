export * from './board-runner.js';
export * from './process.js';
