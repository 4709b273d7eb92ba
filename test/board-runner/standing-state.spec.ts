import { boardDecider, fixedClock, streams } from '#domain';
import { decideAndAppend, SqliteEventStore, type RecordedEvent } from '#event-store';
import { BoardRunner } from '#process-managers';
import { SqliteReadModelStore, type ReadModelStore } from '#projections';

/**
 * The runner reads every board and marker document for a batch only when it does not hold them as it
 * last committed them: after a commit that did not land (a shared commit that failed), it reads them again.
 */
const clock = fixedClock('2026-12-06T09:00:00Z');
const metadata = () => ({ actor: 't', role: 'registry', correlationId: 'c', causationId: null, occurredAt: '' });

const constitute = (store: SqliteEventStore, n: number) =>
  decideAndAppend(
    store,
    clock,
    boardDecider,
    streams.board(`board-${n}`),
    {
      type: 'ConstituteBoard',
      data: {
        boardId: `board-${n}`,
        name: `Board ${n}`,
        courseIds: [`course-${n}`],
        members: [
          { memberId: 'chair', name: 'Chair', role: 'chair' },
          { memberId: 'member', name: 'Member', role: 'internal' },
        ],
      },
    },
    metadata,
  );

describe('BoardRunner standing state', () => {
  it('reuses the boards and markers it committed, and reads them again after a commit that did not land', async () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    const readModels = new SqliteReadModelStore(':memory:');
    let reads = 0;
    let dropNextCommit = false;
    const observed: ReadModelStore = Object.create(readModels) as ReadModelStore;
    observed.findByRef = (collection, ref) => {
      if (collection.startsWith('micro-board:')) reads++;
      return readModels.findByRef(collection, ref);
    };
    // A commit that resolves but is never written, as a gathered commit whose shared transaction failed.
    observed.commit = async (...args) => {
      if (dropNextCommit) dropNextCommit = false;
      else await readModels.commit(...args);
    };
    const runner = new BoardRunner(store, observed, clock);
    const next = async (n: number): Promise<RecordedEvent[]> => {
      const head = await store.headPosition();
      await constitute(store, n);
      const events: RecordedEvent[] = [];
      for await (const event of store.readAll(head)) events.push(event);
      return events;
    };
    try {
      await runner.handle(await next(1));
      expect(reads).toBe(2); // boards and markers, once each

      await runner.handle(await next(2));
      expect(reads).toBe(2);

      dropNextCommit = true;
      await runner.handle(await next(3));
      expect(reads).toBe(2);

      await runner.handle(await next(4));
      expect(reads).toBe(4);
      // What the runner holds is what is stored: board 3's document was never written.
      const boards = await readModels.findByRef<{ courseId: string }>('micro-board:boards', 'micro-board');
      expect(boards.map((b) => b.courseId).sort()).toEqual(['course-1', 'course-2', 'course-4']);
    } finally {
      await store.close();
      await readModels.close();
    }
  });
});
