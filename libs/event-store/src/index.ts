export * from './event-store.port.js';
export * from './sqlite/sqlite-event-store.js';
export * from './subscription-hub.js';
export * from './decide-and-append.js';
export * from './held-appends.js';
export * from './read-after.js';
export * from './name-based-id.js';
export * from './postgres/postgres-event-store.js';
export {
  EsdbEventStore,
  type EsdbEventStoreOptions,
  type EsdbClient,
  type SubscriptionDrop,
} from './esdb/esdb-event-store.js';
export {
  acquireLeadership,
  LEADER_LOCK_CLASS,
  type Leadership,
  type LeaderLockOptions,
} from './postgres/postgres-leader-lock.js';
export { PartitionLeases, type PartitionLeaseOptions } from './postgres/partition-leases.js';
export { checkpointInBackground, type BackgroundCheckpoints } from './sqlite/background-checkpoints.js';
export { isSqliteBusy, withinBusyWait } from './sqlite/busy-wait.js';
