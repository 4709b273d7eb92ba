import type { Clock } from '#domain';
import type { CheckpointedConsumer, EventStore } from '#event-store';
import type { PersonalDataVault } from '#personal-data';
import type { ReadModelStore } from '#projections';

/** Builds the process managers a process runs (board runner, relay), from the shared ports. */
export type ProcessManagersFactory = (ports: {
  store: EventStore;
  readModels: ReadModelStore;
  clock: Clock;
  /** Opens sealed secrets (webhook endpoints') and personal data. */
  vault: PersonalDataVault;
  /** AppConfig.publicBaseUrl: where the event schemas are served. */
  publicBaseUrl: string;
}) => CheckpointedConsumer[];
