import type { Clock } from '../shared/clock.js';
import type { Decider, DomainEvent } from '../shared/decider.js';
import { StateConflict } from '../shared/errors.js';

/**
 * A consumer (the board runner, a read model) that failed on one stream parks that stream and
 * carries on with the others; registry staff retry it once the cause is fixed. The parking itself
 * lives with the consumer's checkpoint; the request to retry is an event, so every process hears it
 * and the audit shows who asked.
 */
export type ParkedStreamRetryRequested = DomainEvent<
  'ParkedStreamRetryRequested',
  { parkedId: string; consumer: string; streamId: string; requestedAt: string }
>;

/** The shell hands in the parking it found for the id (a 404 when there is none). */
export type RetryParkedStream = {
  type: 'RetryParkedStream';
  data: { parkedId: string; consumer: string; streamId: string; status: 'parked' | 'resolved' };
};

/** The retries asked for so far (the stream of one parking id). */
export interface RetryRequests {
  requested: number;
}

export const PARKED_STREAM_RETRY_REQUESTED = 'ParkedStreamRetryRequested';

const retry = ({ data }: RetryParkedStream, clock: Clock): ParkedStreamRetryRequested[] => {
  const { parkedId, consumer, streamId, status } = data;
  if (status !== 'parked')
    throw new StateConflict(`stream ${streamId} is not parked for ${consumer}: a retry has already replayed it`);
  return [
    {
      type: 'ParkedStreamRetryRequested',
      data: { parkedId, consumer, streamId, requestedAt: clock.now().toISOString() },
    },
  ];
};

export const parkedStreamDecider: Decider<RetryParkedStream, ParkedStreamRetryRequested, RetryRequests> = {
  initialState: { requested: 0 },
  evolve: (state) => ({ requested: state.requested + 1 }),
  decide: (command, _state, clock) => retry(command, clock),
};
