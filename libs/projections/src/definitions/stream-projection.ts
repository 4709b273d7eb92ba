import type { DomainEvent } from '#domain';
import { idOf } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { DocumentIndex } from '../read-model-store.port.js';
import type { Projection } from '../projection.js';

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
}): Projection<State> => {
  const prefix = `${options.category}-`;
  return {
    collection: options.collection,
    documentIdOf: (event: RecordedEvent) => (event.streamId.startsWith(prefix) ? idOf(event.streamId) : undefined),
    apply: (doc, event) => options.evolve(doc ?? options.initialState, event as unknown as Event),
    indexOf: options.indexOf ?? (() => ({})),
  };
};
