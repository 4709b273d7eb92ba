import { ProjectionConsumer, recordProjections, workspaceProjections, type ReadModelStore } from '#projections';
import { PROJECTIONS_CHECKPOINT, WORKSPACE_CHECKPOINT } from '#records-api';

/** Every projection consumer the records process runs, each with its checkpoint: what a rebuild must refill. */
export const readModelConsumers = (readModels: ReadModelStore): ProjectionConsumer[] => [
  new ProjectionConsumer(PROJECTIONS_CHECKPOINT, readModels, recordProjections),
  new ProjectionConsumer(WORKSPACE_CHECKPOINT, readModels, workspaceProjections),
];
