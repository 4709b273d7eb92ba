import type { DomainEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { DocumentIndex } from './read-model-store.port.js';

/** A recorded event of the domain's type `E`: its `type` narrows its `data`. */
export type Recorded<E extends DomainEvent> = E extends DomainEvent
  ? Omit<RecordedEvent<E['data']>, 'type'> & { type: E['type'] }
  : never;

/**
 * A projection as it is written (Emmett's shape): the event types it can handle, which document
 * such an event touches, and a typed evolve of that document, with what to index it by.
 */
export interface Projection<Doc, E extends DomainEvent> {
  collection: string;
  canHandle: readonly E['type'][];
  documentIdOf(event: Recorded<E>): string | undefined;
  evolve(doc: Doc | undefined, event: Recorded<E>): Doc;
  indexOf(doc: Doc): DocumentIndex;
}

/**
 * A second way to find a projection's documents: a small entry under the same id in another
 * collection, with an index of its own, written in the same commit as the document. A query finds
 * the entries by that index and loads the documents, so a document needed in two orders is stored
 * once (the enrolment state by learner and by course).
 */
export interface ProjectionView<Doc> {
  collection: string;
  entryOf(doc: Doc): unknown;
  indexOf(doc: Doc): DocumentIndex;
}

/**
 * A projection as the consumer runs it, over any recorded event: a pure fold of events into the
 * documents of one collection (and the entries of its views).
 */
export interface ReadModelProjection<Doc = unknown> {
  collection: string;
  /** The document an event updates, or undefined when the event is not for this projection. */
  documentIdOf(event: RecordedEvent): string | undefined;
  apply(doc: Doc | undefined, event: RecordedEvent): Doc;
  indexOf(doc: Doc): DocumentIndex;
  views?: readonly ProjectionView<Doc>[];
}

/** The collections a projection writes: its own and its views'. */
export const collectionsOf = (projection: ReadModelProjection): string[] => [
  projection.collection,
  ...(projection.views ?? []).map((view) => view.collection),
];

/**
 * A projection for the consumer: an event of a type it cannot handle touches no document. The
 * store holds the domain's own events, so an event of a handled type carries that event's data.
 */
export const readModelProjection = <Doc, E extends DomainEvent>(
  projection: Projection<Doc, E>,
): ReadModelProjection<Doc> => {
  const handled = new Set<string>(projection.canHandle);
  const canHandle = (event: RecordedEvent): event is Recorded<E> => handled.has(event.type);
  return {
    collection: projection.collection,
    documentIdOf: (event) => (canHandle(event) ? projection.documentIdOf(event) : undefined),
    apply: (doc, event) => {
      if (!canHandle(event)) throw new Error(`${projection.collection} cannot handle ${event.type}`);
      return projection.evolve(doc, event);
    },
    indexOf: (doc) => projection.indexOf(doc),
  };
};
