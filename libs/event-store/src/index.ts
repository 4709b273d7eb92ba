export * from './event-store.port.js';
export * from './sqlite/sqlite-event-store.js';
export * from './subscription-hub.js';
