import type { RecordedEvent } from '#event-store';
import type { DocumentIndex } from './read-model-store.port.js';

/**
 * A projection is a pure fold of events into documents of one collection: which document an
 * event touches, how it changes it, and what to index it by.
 */
export interface Projection<Doc = unknown> {
  collection: string;
  /** The document an event updates, or undefined when the event is not for this projection. */
  documentIdOf(event: RecordedEvent): string | undefined;
  apply(doc: Doc | undefined, event: RecordedEvent): Doc;
  indexOf(doc: Doc): DocumentIndex;
}
