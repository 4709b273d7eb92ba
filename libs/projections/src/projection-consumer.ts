import type { RecordedEvent } from '#event-store';
import type { Projection } from './projection.js';
import type { DocumentWrite, ReadModelStore } from './read-model-store.port.js';

/**
 * Applies a batch of events to a set of projections and commits the changed documents with the
 * checkpoint in one transaction: each event is applied exactly once, even across crashes.
 */
export class ProjectionConsumer {
  constructor(
    readonly name: string,
    private readonly store: ReadModelStore,
    private readonly projections: readonly Projection[],
  ) {}

  position(): Promise<number> {
    return this.store.checkpoint(this.name);
  }

  async handle(events: readonly RecordedEvent[]): Promise<void> {
    const last = events.at(-1);
    if (!last) return;
    const pending = new Map<Projection, Map<string, unknown>>();
    for (const projection of this.projections) {
      const ids = events.map((e) => projection.documentIdOf(e)).filter((id): id is string => id !== undefined);
      if (ids.length > 0) pending.set(projection, await this.store.load(projection.collection, ids));
    }
    for (const event of events) {
      for (const [projection, docs] of pending) {
        const id = projection.documentIdOf(event);
        if (id !== undefined) docs.set(id, projection.apply(docs.get(id), event));
      }
    }
    const writes: DocumentWrite[] = [];
    for (const [projection, docs] of pending) {
      for (const [id, doc] of docs) {
        writes.push({ collection: projection.collection, id, doc, index: projection.indexOf(doc) });
      }
    }
    await this.store.commit(this.name, last.position, writes);
  }

  reset(): Promise<void> {
    return this.store.reset(
      this.name,
      this.projections.map((p) => p.collection),
    );
  }
}
