export type * from './views.js';
export type * from './webhooks.js';
export * from './integration-events.js';
export type * from './requests.js';
