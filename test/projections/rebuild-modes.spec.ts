import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type EventStore } from '#event-store';
import {
  ProjectionConsumer,
  SqliteReadModelStore,
  rebuildProjections,
  type ReadModelProjection as Projection,
} from '#projections';
import { metadata } from '../support/event-metadata.js';

/** Counts a stream's events; indexed by its owner (ref) and by the parity of the count (status). */
const counter = (collection: string): Projection<{ owner: string; count: number }> => ({
  collection,
  documentIdOf: (event) => (event.streamId.startsWith('thing-') ? event.streamId : undefined),
  apply: (doc, event) => ({ owner: (event.data as { owner: string }).owner, count: (doc?.count ?? 0) + 1 }),
  indexOf: (doc) => ({
    ref: doc.owner,
    status: doc.count % 2 === 0 ? 'even' : 'odd',
    due: String(doc.count).padStart(4, '0'),
  }),
});

const indexNames = (path: string): string[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents' AND sql IS NOT NULL ORDER BY name",
      )
      .all()
      .map((row) => row.name);
  } finally {
    db.close();
  }
};

describe('rebuilding in one pass, in bulk-load mode', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'credence-rebuild-modes-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.db') });
    // 12 streams with 1..12 events each, appended round-robin so batches interleave them.
    for (let round = 1; round <= 12; round++) {
      for (let thing = round; thing <= 12; thing++) {
        await store.append(
          `thing-${thing}`,
          [{ type: 'Counted', data: { owner: `owner-${thing % 3}` }, metadata }],
          round - 1,
        );
      }
    }
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('fills several consumers from one read of the log, with the documents and indexes a live run gives', async () => {
    const rebuiltPath = join(dir, 'rebuilt.db');
    const rebuilt = new SqliteReadModelStore(rebuiltPath);
    const live = new SqliteReadModelStore(join(dir, 'live.db'));
    let reads = 0;
    const counted: EventStore = Object.assign(Object.create(store) as EventStore, {
      readAll: (after: number, filter?: undefined, pageSize?: number) => {
        reads++;
        return store.readAll(after, filter, pageSize);
      },
    });
    const head = await store.headPosition();

    const result = await rebuildProjections(
      counted,
      [new ProjectionConsumer('one', rebuilt, [counter('a')]), new ProjectionConsumer('two', rebuilt, [counter('b')])],
      5,
    );
    // Live: one event at a time, as the subscription hub delivers them.
    const liveConsumer = new ProjectionConsumer('one', live, [counter('a')]);
    for await (const event of store.readAll(0)) await liveConsumer.handle([event]);

    expect(reads).toBe(1);
    expect(result.events).toBe(head);
    expect([await rebuilt.checkpoint('one'), await rebuilt.checkpoint('two')]).toEqual([head, head]);
    for (const collection of ['a', 'b']) {
      for (let thing = 1; thing <= 12; thing++) {
        expect(await rebuilt.get(collection, `thing-${thing}`)).toEqual(await live.get('a', `thing-${thing}`));
      }
      expect(await rebuilt.findByRef(collection, 'owner-1')).toEqual(await live.findByRef('a', 'owner-1'));
      expect(await rebuilt.findDue(collection, 'even', '0007', 10)).toEqual(
        await live.findDue('a', 'even', '0007', 10),
      );
    }
    expect(indexNames(rebuiltPath)).toEqual(indexNames(join(dir, 'live.db')));
    expect(indexNames(rebuiltPath).length).toBeGreaterThan(0);
    await rebuilt.close();
    await live.close();
  });

  it('puts the indexes back when the work of a bulk load fails', async () => {
    const path = join(dir, 'read-models.db');
    const readModels = new SqliteReadModelStore(path);
    const before = indexNames(path);
    let during: string[] = [];
    await expect(
      readModels.bulkLoad(async () => {
        during = indexNames(path);
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(during).toEqual([]);
    expect(indexNames(path)).toEqual(before);
    await readModels.close();
  });
});
