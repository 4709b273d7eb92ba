/** Injection tokens for the ports the shell depends on. */
export const EVENT_STORE = Symbol('EventStore');
export const CLOCK = Symbol('Clock');
export const AUTH_SECRET = Symbol('AuthSecret');
export const APP_CONFIG = Symbol('AppConfig');
/** The PersonalDataVault: opens learner personal data for readers, destroys a learner's key on erasure. */
export const PERSONAL_DATA_VAULT = Symbol('PersonalDataVault');
/** Process managers fed by this process's subscription after the projections (board runner, relay). */
export const PROCESS_MANAGERS = Symbol('ProcessManagers');
/** Whether this process runs the read-model consumers (the projector role), or only reads what they build. */
export const PLAYS_PROJECTOR = Symbol('PlaysProjector');
export { READ_MODEL_STORE } from '#projections';
