import { parkedStreamDecider, StateConflict, type ParkedStreamRetryRequested, type RetryParkedStream } from '#domain';
import { given, NOW } from './given-when-then.js';

const parking = { parkedId: 'p-1', consumer: 'process:board-runner', streamId: 'enrolment-e-1' };
const retry = (status: 'parked' | 'resolved'): RetryParkedStream => ({
  type: 'RetryParkedStream',
  data: { ...parking, status },
});
const requested: ParkedStreamRetryRequested = {
  type: 'ParkedStreamRetryRequested',
  data: { ...parking, requestedAt: new Date(NOW).toISOString() },
};

describe('retrying a parked stream', () => {
  it('asks the consumer that parked the stream to replay it', () => {
    given(parkedStreamDecider).when(retry('parked')).then([requested]);
  });

  it('asks again after a retry that failed (the stream is still parked)', () => {
    given(parkedStreamDecider, requested).when(retry('parked')).then([requested]);
  });

  it('refuses a stream that a retry has already replayed', () => {
    given(parkedStreamDecider, requested)
      .when(retry('resolved'))
      .thenThrows(StateConflict, 'stream enrolment-e-1 is not parked for process:board-runner');
  });
});
