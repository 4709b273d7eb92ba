import type { Clock } from '../shared/clock.js';
import type { Decider, DomainEvent } from '../shared/decider.js';
import { NotFound, StateConflict } from '../shared/errors.js';

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

/** What the shell found for the id: the consumer's parking, if any. */
export interface ParkingFound {
  parkedId: string;
  consumer: string;
  streamId: string;
  status: 'parked' | 'resolved';
}

export type RetryParkedStream = {
  type: 'RetryParkedStream';
  data: { parkedId: string };
  parking: ParkingFound | undefined;
};

/** The retries asked for so far (the stream of one parking id). */
export interface RetryRequests {
  requested: number;
}

export const PARKED_STREAM_RETRY_REQUESTED = 'ParkedStreamRetryRequested';

const retry = ({ data, parking }: RetryParkedStream, clock: Clock): ParkedStreamRetryRequested[] => {
  if (parking === undefined) throw new NotFound(`parked stream ${data.parkedId} not found`);
  if (parking.status !== 'parked')
    throw new StateConflict(`stream ${parking.streamId} is not parked for ${parking.consumer}: it was retried already`);
  const { parkedId, consumer, streamId } = parking;
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
