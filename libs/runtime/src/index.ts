export * from './startup-error.js';
export * from './secret-file.js';
export * from './output-streams.js';
export * from './entry-point.js';
export * from './sqlite-file.js';
