export * from './key-store.port.js';
export * from './cipher.js';
export * from './vault.js';
export * from './sealing-event-store.js';
export * from './sqlite-key-store.js';
export * from './postgres-key-store.js';
export * from './reveal.js';
export * from './personal-fields.js';
