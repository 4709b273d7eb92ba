/** Injection tokens for the ports the shell depends on. */
export const EVENT_STORE = Symbol('EventStore');
export const CLOCK = Symbol('Clock');
export const AUTH_SECRET = Symbol('AuthSecret');
export const APP_CONFIG = Symbol('AppConfig');
export { READ_MODEL_STORE } from '#projections';
