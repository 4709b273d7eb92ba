import type { RecordedEvent } from '#event-store';
import { collectionsOf, type ReadModelProjection } from './projection.js';
import type { DocumentWrite, ReadModelStore } from './read-model-store.port.js';

/**
 * Applies a batch of events to a set of projections and commits the changed documents with the
 * checkpoint in one transaction: each event is applied exactly once, even across crashes and redeliveries.
 */
export class ProjectionConsumer {
  constructor(
    readonly name: string,
    private readonly store: ReadModelStore,
    private readonly projections: readonly ReadModelProjection[],
  ) {}

  /** Where this consumer writes (a rebuild puts it in bulk-load mode). */
  get readModels(): ReadModelStore {
    return this.store;
  }

  position(): Promise<number> {
    return this.store.checkpoint(this.name);
  }

  /**
   * Events at or below the checkpoint were applied already (a redelivered batch, or a replica that
   * lags behind the one that committed them): they are skipped, since an evolve such as WorkSubmitted's
   * adds to a document each time it runs.
   */
  async handle(delivered: readonly RecordedEvent[]): Promise<void> {
    if (delivered.length === 0) return;
    const applied = await this.position();
    const events = delivered.filter((event) => event.position > applied);
    const last = events.at(-1);
    if (!last) return;
    const pending: { projection: ReadModelProjection; ids: (string | undefined)[]; docs: Map<string, unknown> }[] = [];
    for (const projection of this.projections) {
      const ids = events.map((e) => projection.documentIdOf(e));
      if (ids.every((id) => id === undefined)) continue;
      pending.push({ projection, ids, docs: await this.store.load(projection.collection, uniqueIds(ids)) });
    }
    events.forEach((event, i) => {
      for (const { projection, ids, docs } of pending) {
        const id = ids[i];
        if (id !== undefined) docs.set(id, projection.apply(docs.get(id), event));
      }
    });
    const writes: DocumentWrite[] = [];
    for (const { projection, docs } of pending) {
      for (const [id, doc] of docs) {
        writes.push({ collection: projection.collection, id, doc, index: projection.indexOf(doc) });
        for (const view of projection.views ?? [])
          writes.push({ collection: view.collection, id, doc: view.entryOf(doc), index: view.indexOf(doc) });
      }
    }
    await this.store.commit(this.name, last.position, writes);
  }

  reset(): Promise<void> {
    return this.store.reset(this.name, this.projections.flatMap(collectionsOf));
  }
}

const uniqueIds = (ids: readonly (string | undefined)[]): string[] =>
  [...new Set(ids)].filter((id): id is string => id !== undefined);
