export * from './sql.js';
export * from './notifications.js';
