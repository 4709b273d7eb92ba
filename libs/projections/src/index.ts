export * from './read-model-store.port.js';
export * from './projection.js';
export * from './projection-consumer.js';
export * from './sqlite/sqlite-read-model-store.js';
export * from './definitions/index.js';
export * from './rebuild.js';
export * from './postgres/postgres-read-model-store.js';
