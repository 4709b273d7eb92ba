import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ReadModelStore } from '#projections';

/**
 * The write floor of a rebuild: the documents a full rebuild ends with, each written once by the
 * read-model store's own commit (stringify, upsert, checkpoint; commits of BATCH documents, in bulk-load
 * mode, the indexes built at the end), timed without reading the log or folding any event. No rebuild
 * that writes these documents can take less, so raw read-and-parse / (raw + floor) bounds its ratio.
 */
export interface WriteFloor {
  target: 'sqlite' | 'postgres';
  documents: number;
  megabytes: number;
  seconds: number;
}

const BATCH = 10_000;

interface Row {
  collection: string;
  id: string;
  ref: string | null;
  status: string | null;
  due: string | null;
  doc: string;
}

/** Rebuilds the read models of the SQLite log at `path` (untimed) into a file that `measure` reads from. */
export const withRebuiltDocuments = async <T>(path: string, measure: (rebuilt: string) => Promise<T>): Promise<T> => {
  const { SqliteEventStore } = await import('#event-store');
  const { SqliteReadModelStore, rebuildProjections } = await import('#projections');
  const { readModelConsumers } = await import('#runtime');
  const folder = mkdtempSync(join(tmpdir(), 'credence-write-floor-'));
  try {
    const store = SqliteEventStore.open({ path });
    const readModels = new SqliteReadModelStore(join(folder, 'rebuilt.db'));
    await rebuildProjections(store, readModelConsumers(readModels));
    await store.close();
    await readModels.close();
    return await measure(join(folder, 'rebuilt.db'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

/**
 * Writes every document of `rebuilt` into `target` once. Timed: the commits and the bulk load's
 * start and end (indexes built again, which a rebuild pays as well); not: reading and parsing the rows.
 */
export const writeFloor = async (
  rebuilt: string,
  target: ReadModelStore,
  name: WriteFloor['target'],
): Promise<WriteFloor> => {
  const source = new Database(rebuilt, { readonly: true });
  const rows = source.prepare<[], Row>('SELECT collection, id, ref, status, due, doc FROM documents').iterate();
  let documents = 0;
  let bytes = 0;
  let untimed = 0;
  let lastCommitEnded = 0;
  const commit = async (batch: Row[]) => {
    const writes = batch.map((row) => ({
      collection: row.collection,
      id: row.id,
      doc: JSON.parse(row.doc) as unknown,
      index: { ref: row.ref, status: row.status, due: row.due },
    }));
    untimed += performance.now() - lastCommitEnded;
    await target.commit('write-floor', documents + batch.length, writes);
    lastCommitEnded = performance.now();
    documents += batch.length;
  };
  const load = async () => {
    lastCommitEnded = performance.now();
    let batch: Row[] = [];
    for (const row of rows) {
      batch.push(row);
      bytes += row.doc.length;
      if (batch.length === BATCH) {
        await commit(batch);
        batch = [];
      }
    }
    await commit(batch);
  };
  const started = performance.now();
  try {
    await (target.bulkLoad ? target.bulkLoad(load) : load());
  } finally {
    source.close();
  }
  const millis = performance.now() - started - untimed;
  return {
    target: name,
    documents,
    megabytes: Math.round(bytes / 1e5) / 10,
    seconds: Math.round(millis) / 1000,
  };
};
