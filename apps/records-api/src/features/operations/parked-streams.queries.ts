import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PARKED_STREAMS, type DocumentReader, type ParkedStream, type ReadModelStore } from '#projections';
import { READ_MODEL_STORE } from '../../infrastructure/tokens.js';

/** More than this many parked streams means something systemic: the list shows the oldest. */
const MAX_PARKED = 1000;
const END_OF_TIME = '9999-12-31';

/** Every stream a consumer has parked and not yet retried successfully, oldest first. */
export const parkedStreams = (readModels: DocumentReader): Promise<ParkedStream[]> =>
  readModels.findDue<ParkedStream>(PARKED_STREAMS, 'parked', END_OF_TIME, MAX_PARKED);

/** How many streams each consumer has parked. */
export const parkedPerConsumer = (parked: readonly ParkedStream[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const { consumer } of parked) counts.set(consumer, (counts.get(consumer) ?? 0) + 1);
  return counts;
};

export class ListParkedStreamsQuery extends Query<ParkedStream[]> {}

@QueryHandler(ListParkedStreamsQuery)
export class ListParkedStreamsHandler implements IQueryHandler<ListParkedStreamsQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore) {}

  execute(): Promise<ParkedStream[]> {
    return parkedStreams(this.readModels);
  }
}
