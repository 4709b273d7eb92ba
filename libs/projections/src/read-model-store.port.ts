/**
 * Read models are JSON documents in collections, with three indexed columns that the queries need:
 * `ref` (the owning id, e.g. a learner's enrolments), `status` and `due` (the deadline sweep).
 * Writes and the consumer's checkpoint commit in one transaction, so a crash never half-applies.
 */
export interface DocumentIndex {
  ref?: string | null;
  status?: string | null;
  due?: string | null;
}

export interface DocumentWrite {
  collection: string;
  id: string;
  doc: unknown;
  index: DocumentIndex;
}

/** The reads of a read-model store. */
export interface DocumentReader {
  load(collection: string, ids: readonly string[]): Promise<Map<string, unknown>>;
  checkpoint(name: string): Promise<number>;
  get<T>(collection: string, id: string): Promise<T | undefined>;
  findByRef<T>(collection: string, ref: string): Promise<T[]>;
  /** Documents with the given status whose `due` is strictly before `before`. */
  findDue<T>(collection: string, status: string, before: string, limit: number): Promise<T[]>;
}

export interface ReadModelStore extends DocumentReader {
  commit(checkpoint: string, position: number, writes: readonly DocumentWrite[]): Promise<void>;
  /**
   * Runs `read` against one committed state: a view that reads several documents (a learner's
   * enrolments and awards) never shows half of a commit made meanwhile.
   */
  snapshot<T>(read: (reader: DocumentReader) => Promise<T>): Promise<T>;
  /** Deletes the collection's documents with the given status whose `due` is strictly before `before`; returns how many. */
  deleteDue(collection: string, status: string, before: string): Promise<number>;
  /** Forgets the checkpoint and every document of the collections, for a rebuild. */
  reset(checkpoint: string, collections: readonly string[]): Promise<void>;
  /**
   * Runs `work` (a rebuild, with nothing else using the store) in a mode tuned for writing many
   * documents: a store may suspend its secondary indexes and use more memory meanwhile, and puts
   * everything back before it returns or throws. Durability and atomicity of commits are unchanged.
   */
  bulkLoad?<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` and writes the commits it made for the named checkpoints in one transaction when it
   * ends, instead of one each: the consumers of one delivered batch share a commit. A name deleted
   * from the set meanwhile commits directly from then on. If that transaction fails, none of the
   * gathered commits is written and this rejects.
   */
  commitTogether?(checkpoints: ReadonlySet<string>, work: () => Promise<void>): Promise<void>;
  /**
   * Calls `onCommit` soon after any process commits a checkpoint to this store, so a reader waiting
   * for one need not poll fast. Best effort (a notification may be lost): poll slowly as well. Returns
   * the function that stops it. Optional: a store only one process writes and reads leaves it out.
   */
  watchCommits?(onCommit: () => void): () => Promise<void>;
  close(): Promise<void>;
}

export const READ_MODEL_STORE = Symbol('ReadModelStore');
