import type { DomainEvent } from '#domain';
import { idOf } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { DocumentIndex } from '../read-model-store.port.js';
import type { ProjectionView, ReadModelProjection } from '../projection.js';

/**
 * Most read models are the aggregate's own state, folded with the domain's `evolve`: one document
 * per stream of a category. Reusing `evolve` keeps the read side from drifting from the rules.
 */
export const streamStateProjection = <State, Event extends DomainEvent>(options: {
  collection: string;
  category: string;
  initialState: State;
  evolve: (state: State, event: Event) => State;
  indexOf?: (state: State) => DocumentIndex;
  views?: readonly ProjectionView<State>[];
}): ReadModelProjection<State> => {
  const prefix = `${options.category}-`;
  /** A category's streams hold only its aggregate's events: the store appends nothing else there. */
  const isOfCategory = (event: RecordedEvent): event is RecordedEvent & Event => event.streamId.startsWith(prefix);
  return {
    collection: options.collection,
    documentIdOf: (event) => (isOfCategory(event) ? idOf(event.streamId) : undefined),
    apply: (doc, event) => {
      if (!isOfCategory(event)) throw new Error(`${options.collection} holds ${options.category} streams only`);
      return options.evolve(doc ?? options.initialState, event);
    },
    indexOf: options.indexOf ?? (() => ({})),
    ...(options.views ? { views: options.views } : {}),
  };
};
