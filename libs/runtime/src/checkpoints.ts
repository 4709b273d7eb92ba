/**
 * Each consumer's checkpoint name in the read-model store, with the role that owns it: what a rebuild
 * resets, what read-your-writes waits on, and what that role's leadership lock protects (see leadOnce).
 */
/** The records' read models: owned by the projector role (readModelConsumers). */
export const PROJECTIONS_CHECKPOINT = 'projections:records';
/** The web app's read models (queues, monitoring, directories): owned by the projector role too. */
export const WORKSPACE_CHECKPOINT = 'projections:workspace';
/** The micro-board runner: owned by the board-runner role. */
export const BOARD_RUNNER_CHECKPOINT = 'process:board-runner';
/** The Kafka relay's default checkpoint (RELAY_CHECKPOINT), owned by the award-relay role; each webhook endpoint keeps its own. */
export const AWARD_RELAY_CHECKPOINT = 'award-relay';
