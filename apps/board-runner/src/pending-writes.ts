import type { DocumentWrite } from '#projections';

/** A batch's document writes, not yet committed: later events of the batch read them back. */
export class PendingWrites {
  private readonly byKey = new Map<string, DocumentWrite>();

  add(writes: readonly DocumentWrite[]): void {
    for (const write of writes) this.byKey.set(`${write.collection}\u0000${write.id}`, write);
  }

  get<T>(collection: string, id: string): T | undefined {
    return this.byKey.get(`${collection}\u0000${id}`)?.doc as T | undefined;
  }

  writes(): DocumentWrite[] {
    return [...this.byKey.values()];
  }
}
