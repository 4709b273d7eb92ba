import { createHash } from 'node:crypto';
import { BOARD_RUNNER_CHECKPOINT } from '#runtime';

/**
 * One of `count` slices of the micro-board's work, by enrolment: an enrolment's marks, outcome, case
 * and award all fall in one partition, so its reactions stay in order; a board's constitution goes to
 * every partition. Each partition keeps its own checkpoint and state, and is led by one process.
 */
export interface BoardPartition {
  index: number;
  count: number;
}

export const WHOLE_BOARD: BoardPartition = { index: 0, count: 1 };

export const boardPartitions = (count: number): BoardPartition[] =>
  Array.from({ length: count }, (_, index) => ({ index, count }));

/** One partition keeps the names the runner always had; a partition of several is suffixed `:i/n`. */
export const partitionSuffix = ({ index, count }: BoardPartition): string => (count === 1 ? '' : `:${index}/${count}`);

export const boardRunnerCheckpoint = (partition: BoardPartition): string =>
  BOARD_RUNNER_CHECKPOINT + partitionSuffix(partition);

/** A stable hash, the same in every process and release. */
export const partitionOf = (enrolmentId: string, count: number): number =>
  count === 1 ? 0 : createHash('sha256').update(enrolmentId).digest().readUInt32BE(0) % count;

/** Events about an enrolment go to its partition; events about no enrolment (a board) go to all. */
export const inPartition = (partition: BoardPartition, data: object): boolean =>
  !('enrolmentId' in data) ||
  typeof data.enrolmentId !== 'string' ||
  partitionOf(data.enrolmentId, partition.count) === partition.index;
