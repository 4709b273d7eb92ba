/**
 * Behaviour every ReadModelStore adapter must show. An adapter's spec calls
 * `describeReadModelStoreContract(name, create)`; each test gets a fresh, empty store.
 */
import type { DocumentIndex, DocumentReader, DocumentWrite, ReadModelStore } from '#projections';

export interface ReadModelStoreUnderTest {
  store: ReadModelStore;
  cleanup: () => Promise<void>;
}

export const write = (collection: string, id: string, doc: unknown, index: DocumentIndex = {}): DocumentWrite => ({
  collection,
  id,
  doc,
  index,
});

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
};

/** A JSON document exercising the awkward corners of serialisation. */
export const richDocument = {
  name: 'Zoë Ångström — 学习 🎓',
  nested: { list: [1, 'two', { three: [3] }], empty: {}, none: null, flag: false },
  numbers: { zero: 0, negative: -42, fraction: 0.1 + 0.2, big: Number.MAX_SAFE_INTEGER, tiny: 5e-324 },
  quotes: 'it\'s "quoted" \\ and\nmultiline\u0000nul',
};

export function describeReadModelStoreContract(name: string, create: () => Promise<ReadModelStoreUnderTest>): void {
  describe(`ReadModelStore contract: ${name}`, () => {
    let store: ReadModelStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await create());
    });

    afterEach(async () => {
      await cleanup();
    });

    describe('checkpoints', () => {
      it('starts every checkpoint at 0', async () => {
        expect(await store.checkpoint('projections')).toBe(0);
        expect(await store.checkpoint('')).toBe(0);
      });

      it('keeps each named checkpoint separately', async () => {
        await store.commit('a', 7, []);
        await store.commit('b', 3, []);
        expect(await store.checkpoint('a')).toBe(7);
        expect(await store.checkpoint('b')).toBe(3);
        expect(await store.checkpoint('c')).toBe(0);
      });

      it('moves the checkpoint even when a batch changes no document', async () => {
        await store.commit('p', 5, [write('learners', 'l-1', { v: 1 })]);
        await store.commit('p', 9, []);
        expect(await store.checkpoint('p')).toBe(9);
        expect(await store.get('learners', 'l-1')).toEqual({ v: 1 });
      });

      it('stores the position it is given, even a lower one (a rebuild starts again from the beginning)', async () => {
        await store.commit('p', 10, []);
        await store.commit('p', 3, []);
        expect(await store.checkpoint('p')).toBe(3);
      });

      it('round-trips positions up to Number.MAX_SAFE_INTEGER exactly', async () => {
        await store.commit('p', Number.MAX_SAFE_INTEGER, []);
        expect(await store.checkpoint('p')).toBe(Number.MAX_SAFE_INTEGER);
        await store.commit('q', 2 ** 32 + 1, []);
        expect(await store.checkpoint('q')).toBe(2 ** 32 + 1);
      });
    });

    describe('documents', () => {
      it('returns undefined for a document that does not exist', async () => {
        expect(await store.get('learners', 'missing')).toBeUndefined();
      });

      it('round-trips any JSON document', async () => {
        await store.commit('p', 1, [
          write('docs', 'rich', richDocument),
          write('docs', 'array', [1, 'two', { three: 3 }]),
          write('docs', 'string', 'just a string'),
          write('docs', 'number', 42),
          write('docs', 'false', false),
          write('docs', 'ünïcode-🎓', { ok: true }),
        ]);

        expect(await store.get('docs', 'rich')).toEqual(richDocument);
        expect(await store.get('docs', 'array')).toEqual([1, 'two', { three: 3 }]);
        expect(await store.get('docs', 'string')).toBe('just a string');
        expect(await store.get('docs', 'number')).toBe(42);
        expect(await store.get('docs', 'false')).toBe(false);
        expect(await store.get('docs', 'ünïcode-🎓')).toEqual({ ok: true });
        expect(await store.checkpoint('p')).toBe(1);
      });

      it('keeps collections apart: the same id in two collections is two documents', async () => {
        await store.commit('p', 1, [
          write('learners', 'x-1', { kind: 'learner' }),
          write('courses', 'x-1', { kind: 'course' }),
        ]);
        expect(await store.get('learners', 'x-1')).toEqual({ kind: 'learner' });
        expect(await store.get('courses', 'x-1')).toEqual({ kind: 'course' });
        expect(await store.get('awards', 'x-1')).toBeUndefined();
      });

      it('loads many documents of one collection at once, omitting the missing ones', async () => {
        await store.commit('p', 1, [
          write('learners', 'l-1', { n: 1 }),
          write('learners', 'l-2', { n: 2 }),
          write('learners', 'l-3', { n: 3 }),
          write('courses', 'l-4', { n: 4 }),
        ]);

        const loaded = await store.load('learners', ['l-3', 'l-1', 'missing', 'l-1', 'l-4']);
        expect(loaded).toBeInstanceOf(Map);
        expect(loaded.size).toBe(2);
        expect(loaded.get('l-1')).toEqual({ n: 1 });
        expect(loaded.get('l-3')).toEqual({ n: 3 });
        expect(loaded.has('missing')).toBe(false);
        expect(loaded.has('l-4')).toBe(false);
        expect((await store.load('learners', [])).size).toBe(0);
        expect((await store.load('nothing', ['l-1'])).size).toBe(0);
      });

      it('commits and loads a large batch', async () => {
        const ids = Array.from({ length: 1500 }, (_, i) => `l-${i}`);
        await store.commit(
          'p',
          1500,
          ids.map((id, i) =>
            write(
              'learners',
              id,
              { i },
              { ref: `group-${i % 10}`, status: 'active', due: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z` },
            ),
          ),
        );

        const loaded = await store.load('learners', ids);
        expect(loaded.size).toBe(1500);
        expect(ids.every((id, i) => (loaded.get(id) as { i: number }).i === i)).toBe(true);
        expect(await store.findByRef('learners', 'group-3')).toHaveLength(150);
        expect(await store.checkpoint('p')).toBe(1500);
      });

      it('replaces a document and its index columns on a second write', async () => {
        await store.commit('p', 1, [
          write('enrolments', 'e-1', { v: 1 }, { ref: 'learner-1', status: 'open', due: '2026-01-10' }),
        ]);
        await store.commit('p', 2, [
          write('enrolments', 'e-1', { v: 2 }, { ref: 'learner-2', status: 'closed', due: null }),
        ]);

        expect(await store.get('enrolments', 'e-1')).toEqual({ v: 2 });
        expect(await store.findByRef('enrolments', 'learner-1')).toEqual([]);
        expect(await store.findByRef('enrolments', 'learner-2')).toEqual([{ v: 2 }]);
        expect(await store.findDue('enrolments', 'open', '2027-01-01', 10)).toEqual([]);
        expect(await store.findDue('enrolments', 'closed', '2027-01-01', 10)).toEqual([]); // due is null now

        // Omitted index fields clear the columns too.
        await store.commit('p', 3, [write('enrolments', 'e-1', { v: 3 }, { status: 'open', due: '2026-01-05' })]);
        await store.commit('p', 4, [write('enrolments', 'e-1', { v: 4 })]);
        expect(await store.findByRef('enrolments', 'learner-2')).toEqual([]);
        expect(await store.findDue('enrolments', 'open', '2027-01-01', 10)).toEqual([]);
        expect(await store.get('enrolments', 'e-1')).toEqual({ v: 4 });
      });

      it('updates only the written document when its index columns stay the same', async () => {
        const index = { ref: 'learner-1', status: 'open', due: '2026-01-10' };
        await store.commit('p', 1, [
          write('enrolments', 'e-1', { v: 1 }, index),
          write('enrolments', 'e-2', { v: 1 }, index),
        ]);
        await store.commit('p', 2, [write('enrolments', 'e-1', { v: 2 }, index)]);

        expect(await store.get('enrolments', 'e-1')).toEqual({ v: 2 });
        expect(await store.get('enrolments', 'e-2')).toEqual({ v: 1 });
        expect(await store.findByRef('enrolments', 'learner-1')).toEqual([{ v: 2 }, { v: 1 }]);
        expect(await store.findDue('enrolments', 'open', '2027-01-01', 10)).toEqual([{ v: 2 }, { v: 1 }]);
      });

      it('deletes the documents of one collection and status that fell due before a time, and only those', async () => {
        await store.commit('p', 1, [
          write('kept', 'old', { v: 1 }, { status: 'kept', due: '2026-01-01' }),
          write('kept', 'new', { v: 2 }, { status: 'kept', due: '2026-02-01' }),
          write('kept', 'other-status', { v: 3 }, { status: 'open', due: '2026-01-01' }),
          write('elsewhere', 'old', { v: 4 }, { status: 'kept', due: '2026-01-01' }),
        ]);
        expect(await store.deleteDue('kept', 'kept', '2026-01-15')).toBe(1);
        expect(await store.get('kept', 'old')).toBeUndefined();
        expect(await store.get('kept', 'new')).toEqual({ v: 2 });
        expect(await store.get('kept', 'other-status')).toEqual({ v: 3 });
        expect(await store.get('elsewhere', 'old')).toEqual({ v: 4 });
      });

      it('keeps the last of several writes to one document in the same batch', async () => {
        await store.commit('p', 1, [
          write('enrolments', 'e-1', { v: 1 }, { ref: 'a' }),
          write('enrolments', 'e-2', { v: 1 }, { ref: 'a' }),
          write('enrolments', 'e-1', { v: 2 }, { ref: 'b' }),
        ]);
        expect(await store.get('enrolments', 'e-1')).toEqual({ v: 2 });
        expect(await store.findByRef('enrolments', 'a')).toEqual([{ v: 1 }]);
        expect(await store.findByRef('enrolments', 'b')).toEqual([{ v: 2 }]);
      });

      it('lets concurrent commits of different consumers all land', async () => {
        await Promise.all(
          Array.from({ length: 8 }, (_, c) =>
            store.commit(`consumer-${c}`, c + 1, [write('docs', `d-${c}`, { c }), write('shared', `s-${c}`, { c })]),
          ),
        );
        for (let c = 0; c < 8; c++) {
          expect(await store.checkpoint(`consumer-${c}`)).toBe(c + 1);
          expect(await store.get('docs', `d-${c}`)).toEqual({ c });
        }
        expect(
          (
            await store.load(
              'shared',
              Array.from({ length: 8 }, (_, c) => `s-${c}`),
            )
          ).size,
        ).toBe(8);
      });
    });

    describe('atomic commits', () => {
      const seed = async () => {
        await store.commit('p', 5, [
          write('learners', 'l-1', { v: 1 }, { ref: 'r', status: 'open', due: '2026-01-01' }),
        ]);
      };
      const unchanged = async () => {
        expect(await store.checkpoint('p')).toBe(5);
        expect(await store.get('learners', 'l-1')).toEqual({ v: 1 });
        expect(await store.get('learners', 'l-2')).toBeUndefined();
        expect(await store.findByRef('learners', 'r')).toEqual([{ v: 1 }]);
        expect(await store.findDue('learners', 'open', '2027-01-01', 10)).toEqual([{ v: 1 }]);
      };

      it('writes neither documents nor checkpoint when one document cannot be serialised (BigInt)', async () => {
        await seed();
        const error = await rejection(
          store.commit('p', 6, [
            write('learners', 'l-1', { v: 2 }, { ref: 'other' }),
            write('learners', 'l-2', { v: 1 }),
            write('learners', 'l-3', { big: 10n }),
          ]),
        );
        expect(error).toBeInstanceOf(TypeError);
        await unchanged();
        expect(await store.get('learners', 'l-3')).toBeUndefined();
      });

      it('writes neither documents nor checkpoint when a later document is circular', async () => {
        await seed();
        const circular: Record<string, unknown> = { name: 'loop' };
        circular.self = circular;
        await expect(
          store.commit('p', 6, [
            write('learners', 'l-2', { v: 1 }),
            write('learners', 'l-1', { v: 2 }),
            write('courses', 'c-1', circular),
          ]),
        ).rejects.toThrow();
        await unchanged();
        expect(await store.get('courses', 'c-1')).toBeUndefined();
      });

      it('stays usable after a failed commit', async () => {
        await seed();
        await expect(store.commit('p', 6, [write('learners', 'l-2', { big: 1n })])).rejects.toThrow();
        await store.commit('p', 6, [write('learners', 'l-2', { v: 1 })]);
        expect(await store.checkpoint('p')).toBe(6);
        expect(await store.get('learners', 'l-2')).toEqual({ v: 1 });
      });
    });

    describe('snapshots', () => {
      const learnerRecord = async (reader: DocumentReader) => ({
        enrolments: await reader.findByRef('enrolments', 'l-1'),
        awards: await reader.findByRef('awards', 'l-1'),
      });

      it('reads one committed state: a commit made between two of its reads shows in neither', async () => {
        await store.commit('p', 1, [write('enrolments', 'e-1', { confirmed: false }, { ref: 'l-1' })]);
        let committed: Promise<void> | undefined;
        const seen = await store.snapshot(async (reader) => {
          const enrolments = await reader.findByRef('enrolments', 'l-1');
          committed = store.commit('p', 2, [
            write('enrolments', 'e-1', { confirmed: true }, { ref: 'l-1' }),
            write('awards', 'a-1', { enrolmentId: 'e-1' }, { ref: 'l-1' }),
          ]);
          await new Promise((resolve) => setTimeout(resolve, 50)); // time enough for the commit to land
          return { enrolments, awards: await reader.findByRef('awards', 'l-1'), at: await reader.checkpoint('p') };
        });

        expect(seen).toEqual({ enrolments: [{ confirmed: false }], awards: [], at: 1 });
        await committed;
        expect(await store.snapshot(learnerRecord)).toEqual({
          enrolments: [{ confirmed: true }],
          awards: [{ enrolmentId: 'e-1' }],
        });
      });

      it('lets commits through after a snapshot whose read failed', async () => {
        await expect(
          store.snapshot(async () => {
            throw new Error('read failed');
          }),
        ).rejects.toThrow('read failed');
        await store.commit('p', 1, [write('awards', 'a-1', { n: 1 }, { ref: 'l-1' })]);
        expect(await store.snapshot(learnerRecord)).toEqual({ enrolments: [], awards: [{ n: 1 }] });
      });
    });

    describe('queries', () => {
      it('finds the documents of one ref in id order (bytewise), in that collection only', async () => {
        await store.commit('p', 1, [
          write('enrolments', 'b-2', { id: 'b-2' }, { ref: 'learner-1' }),
          write('enrolments', 'a-9', { id: 'a-9' }, { ref: 'learner-1' }),
          write('enrolments', 'B-1', { id: 'B-1' }, { ref: 'learner-1' }),
          write('enrolments', 'a-10', { id: 'a-10' }, { ref: 'learner-1' }),
          write('enrolments', 'c-1', { id: 'c-1' }, { ref: 'learner-2' }),
          write('enrolments', 'c-2', { id: 'c-2' }),
          write('awards', 'a-1', { id: 'award' }, { ref: 'learner-1' }),
        ]);

        expect(await store.findByRef('enrolments', 'learner-1')).toEqual([
          { id: 'B-1' },
          { id: 'a-10' },
          { id: 'a-9' },
          { id: 'b-2' },
        ]);
        expect(await store.findByRef('enrolments', 'learner-2')).toEqual([{ id: 'c-1' }]);
        expect(await store.findByRef('enrolments', 'learner-9')).toEqual([]);
        expect(await store.findByRef('enrolments', 'Learner-1')).toEqual([]);
        expect(await store.findByRef('awards', 'learner-1')).toEqual([{ id: 'award' }]);
      });

      it('finds documents with a status whose due is strictly before a moment, earliest first, up to a limit', async () => {
        await store.commit('p', 1, [
          write('enrolments', 'e-3', { id: 'e-3' }, { status: 'awaiting', due: '2026-03-01T00:00:00.000Z' }),
          write('enrolments', 'e-1', { id: 'e-1' }, { status: 'awaiting', due: '2026-01-15T09:00:00.000Z' }),
          write('enrolments', 'e-2', { id: 'e-2' }, { status: 'awaiting', due: '2026-02-01T00:00:00.000Z' }),
          write('enrolments', 'e-4', { id: 'e-4' }, { status: 'awaiting', due: '2026-04-01T00:00:00.000Z' }), // == before
          write('enrolments', 'e-5', { id: 'e-5' }, { status: 'awaiting', due: '2026-05-01T00:00:00.000Z' }), // after
          write('enrolments', 'e-6', { id: 'e-6' }, { status: 'awaiting', due: null }),
          write('enrolments', 'e-7', { id: 'e-7' }, { status: 'passed', due: '2026-01-01T00:00:00.000Z' }),
          write('enrolments', 'e-8', { id: 'e-8' }, { due: '2026-01-01T00:00:00.000Z' }),
          write('boards', 'b-1', { id: 'b-1' }, { status: 'awaiting', due: '2026-01-01T00:00:00.000Z' }),
        ]);
        const before = '2026-04-01T00:00:00.000Z';

        expect(await store.findDue('enrolments', 'awaiting', before, 10)).toEqual([
          { id: 'e-1' },
          { id: 'e-2' },
          { id: 'e-3' },
        ]);
        expect(await store.findDue('enrolments', 'awaiting', before, 2)).toEqual([{ id: 'e-1' }, { id: 'e-2' }]);
        expect(await store.findDue('enrolments', 'awaiting', before, 0)).toEqual([]);
        expect(await store.findDue('enrolments', 'awaiting', '2026-01-15T09:00:00.000Z', 10)).toEqual([]);
        expect(await store.findDue('enrolments', 'awaiting', '2026-01-15T09:00:00.001Z', 10)).toEqual([{ id: 'e-1' }]);
        expect(await store.findDue('enrolments', 'passed', before, 10)).toEqual([{ id: 'e-7' }]);
        expect(await store.findDue('enrolments', 'Awaiting', before, 10)).toEqual([]);
        expect(await store.findDue('boards', 'awaiting', before, 10)).toEqual([{ id: 'b-1' }]);
      });
    });

    describe('reset', () => {
      it('forgets the checkpoint and every document of the named collections, nothing else', async () => {
        await store.commit('records', 10, [
          write('learners', 'l-1', { n: 1 }, { ref: 'r', status: 's', due: '2026-01-01' }),
          write('enrolments', 'e-1', { n: 2 }, { ref: 'r' }),
          write('boards', 'b-1', { n: 3 }, { ref: 'r' }),
        ]);
        await store.commit('boards', 20, [write('cases', 'c-1', { n: 4 })]);

        await store.reset('records', ['learners', 'enrolments']);

        expect(await store.checkpoint('records')).toBe(0);
        expect(await store.checkpoint('boards')).toBe(20);
        expect(await store.get('learners', 'l-1')).toBeUndefined();
        expect(await store.get('enrolments', 'e-1')).toBeUndefined();
        expect(await store.findByRef('enrolments', 'r')).toEqual([]);
        expect(await store.findDue('learners', 's', '2027-01-01', 10)).toEqual([]);
        expect(await store.get('boards', 'b-1')).toEqual({ n: 3 });
        expect(await store.get('cases', 'c-1')).toEqual({ n: 4 });

        // A rebuild then starts from scratch.
        await store.commit('records', 2, [write('learners', 'l-1', { n: 5 })]);
        expect(await store.get('learners', 'l-1')).toEqual({ n: 5 });
        expect(await store.checkpoint('records')).toBe(2);
      });

      it('accepts unknown checkpoints and empty or unknown collections', async () => {
        await store.commit('p', 4, [write('learners', 'l-1', { n: 1 })]);
        await store.reset('nothing', []);
        await store.reset('nothing', ['nowhere']);
        expect(await store.checkpoint('p')).toBe(4);
        expect(await store.get('learners', 'l-1')).toEqual({ n: 1 });
      });
    });

    it('closes idempotently', async () => {
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}
