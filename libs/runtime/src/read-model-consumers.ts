import { ProjectionConsumer, recordProjections, workspaceProjections, type ReadModelStore } from '#projections';
import { PROJECTIONS_CHECKPOINT, WORKSPACE_CHECKPOINT } from './checkpoints.js';

/**
 * Every read-model consumer, each with its checkpoint: what the projector role runs (and a rebuild
 * refills). The one place that lists them; API replicas only read what they build.
 */
export const readModelConsumers = (readModels: ReadModelStore): ProjectionConsumer[] => [
  new ProjectionConsumer(PROJECTIONS_CHECKPOINT, readModels, recordProjections),
  new ProjectionConsumer(WORKSPACE_CHECKPOINT, readModels, workspaceProjections),
];
