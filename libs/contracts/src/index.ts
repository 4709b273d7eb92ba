export type * from './views.js';
export type * from './requests.js';
