/**
 * Each consumer's checkpoint name in the read-model store: what a rebuild resets, what read-your-writes
 * waits on, and what the leadership lock of the role that owns it protects.
 */
export const PROJECTIONS_CHECKPOINT = 'projections:records';
/** The web app's read models (queues, monitoring, directories) keep their own checkpoint. */
export const WORKSPACE_CHECKPOINT = 'projections:workspace';
export const BOARD_RUNNER_CHECKPOINT = 'process:board-runner';
/** The Kafka relay's default checkpoint (RELAY_CHECKPOINT); each webhook endpoint keeps its own. */
export const AWARD_RELAY_CHECKPOINT = 'award-relay';
