import { DATABASE_URL, freshSchema, postgresAvailableFor, withClient } from '../support/postgres.js';
import { PostgresReadModelStore } from '../../libs/projections/src/postgres/postgres-read-model-store.js';
import { describeReadModelStoreContract, richDocument, write } from './read-model-store.contract.js';

/**
 * Runs against a real PostgreSQL (DATABASE_URL, default: the local trust-auth server). Every test
 * gets its own schema, dropped afterwards. Without a reachable database the suite is skipped
 * loudly, except on CI (CI=true), where it fails.
 *
 * Commit throughput is printed (no assertions) when READ_MODEL_MEASURE=1:
 *   READ_MODEL_MEASURE=1 node --experimental-vm-modules node_modules/jest/bin/jest.js test/projections/postgres-read-model-store.spec.ts
 */
/** A fresh schema plus as many store instances (each with its own pool) as a test asks for. */
const withSchema = () => {
  const schema = freshSchema('credence_rm_test');
  const stores: PostgresReadModelStore[] = [];
  return {
    schema,
    open: async (options: { poolSize?: number; preparedStatements?: boolean } = {}) => {
      const store = await PostgresReadModelStore.connect({ connectionString: DATABASE_URL, schema, ...options });
      stores.push(store);
      return store;
    },
    cleanup: async () => {
      await Promise.all(stores.map((s) => s.close()));
      await withClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    },
  };
};

if (postgresAvailableFor('PostgresReadModelStore')) {
  describeReadModelStoreContract('PostgresReadModelStore', async () => {
    const db = withSchema();
    const store = await db.open();
    return { store, cleanup: db.cleanup };
  });

  describeReadModelStoreContract('PostgresReadModelStore (no prepared statements)', async () => {
    const db = withSchema();
    const store = await db.open({ preparedStatements: false });
    return { store, cleanup: db.cleanup };
  });

  describe('PostgresReadModelStore specifics', () => {
    let db: ReturnType<typeof withSchema>;
    beforeEach(() => {
      db = withSchema();
    });
    afterEach(async () => {
      await db.cleanup();
    });

    it('creates the schema idempotently, even from concurrent connects', async () => {
      const stores = await Promise.all(Array.from({ length: 4 }, () => db.open()));
      await stores[0]!.commit('p', 1, [write('learners', 'l-1', { n: 1 })]);
      expect(await stores[3]!.get('learners', 'l-1')).toEqual({ n: 1 });
      const again = await db.open();
      expect(await again.checkpoint('p')).toBe(1);
    });

    it('tells a watcher in another process when any checkpoint commits: single, split and gathered commits', async () => {
      const [writer, reader] = [await db.open(), await db.open()];
      let heard = 0;
      const stop = reader.watchCommits(() => heard++);
      const heardMore = async (than: number): Promise<void> => {
        for (const deadline = Date.now() + 5_000; heard <= than; await new Promise((r) => setTimeout(r, 5))) {
          if (Date.now() > deadline) throw new Error(`no notification after ${than}`);
        }
      };
      await heardMore(0); // one call once it listens: whatever was committed before was not heard
      try {
        for (const commit of [
          () => writer.commit('p', 1, [write('learners', 'l-1', { n: 1 })]),
          () =>
            writer.commit(
              'p',
              2,
              Array.from({ length: 1_001 }, (_, i) => write('learners', `l-${i}`, { i })),
            ),
          () => writer.commitTogether(new Set(['p', 'q']), () => writer.commit('q', 3, [])),
        ]) {
          const before = heard;
          await commit();
          await heardMore(before);
        }
        expect(await reader.checkpoint('q')).toBe(3);
      } finally {
        await stop();
      }
      const after = heard;
      await writer.commit('p', 4, []);
      await new Promise((r) => setTimeout(r, 100));
      expect(heard).toBe(after);
    });

    it('creates the documents and checkpoints tables with the documented columns and indexes', async () => {
      await db.open();
      const columns = await withClient(async (client) => {
        const { rows } = await client.query<{
          table_name: string;
          column_name: string;
          data_type: string;
          collation_name: string | null;
        }>(
          `SELECT table_name, column_name, data_type, collation_name FROM information_schema.columns
            WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
          [db.schema],
        );
        return rows.map(
          (r) => `${r.table_name}.${r.column_name} ${r.data_type}${r.collation_name ? ` ${r.collation_name}` : ''}`,
        );
      });
      expect(columns).toEqual([
        'checkpoints.name text',
        'checkpoints.position bigint',
        'documents.collection text C',
        'documents.id text C',
        'documents.ref text C',
        'documents.status text C',
        'documents.due text C',
        'documents.doc json',
      ]);
      const indexes = await withClient(async (client) => {
        const { rows } = await client.query<{ indexdef: string }>(
          'SELECT indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname',
          [db.schema],
        );
        return rows.map((r) => r.indexdef.replace(/^.* USING btree /, ''));
      });
      expect(indexes).toEqual(['(name)', '(collection, status, due)', '(collection, ref)', '(collection, id)']);
    });

    it('keeps the exact JSON text (json, not jsonb), including a \\u0000 escape', async () => {
      const store = await db.open();
      await store.commit('p', 1, [write('docs', 'd-1', { b: 1, a: 'x\u0000y', c: [2, 1] })]);
      const text = await withClient(async (client) => {
        const { rows } = await client.query<{ doc: string }>(
          `SELECT doc::text AS doc FROM "${db.schema}".documents WHERE id = 'd-1'`,
        );
        return rows[0]!.doc;
      });
      expect(text).toBe('{"b":1,"a":"x\\u0000y","c":[2,1]}');
      expect(await store.get('docs', 'd-1')).toEqual({ b: 1, a: 'x\u0000y', c: [2, 1] });
    });

    it('rolls the documents back when the database refuses the checkpoint (one transaction)', async () => {
      const store = await db.open();
      await store.commit('p', 5, [write('learners', 'l-1', { v: 1 }, { ref: 'r' })]);
      await withClient(async (client) => {
        await client.query(`
          CREATE FUNCTION "${db.schema}".refuse() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'refused %', NEW.name; END $$`);
        await client.query(`
          CREATE TRIGGER refuse BEFORE UPDATE ON "${db.schema}".checkpoints
          FOR EACH ROW WHEN (NEW.position = 6) EXECUTE FUNCTION "${db.schema}".refuse()`);
      });

      await expect(
        store.commit('p', 6, [
          write('learners', 'l-1', { v: 2 }, { ref: 'other' }),
          write('learners', 'l-2', { v: 1 }),
        ]),
      ).rejects.toThrow(/refused p/);

      expect(await store.checkpoint('p')).toBe(5);
      expect(await store.get('learners', 'l-1')).toEqual({ v: 1 });
      expect(await store.get('learners', 'l-2')).toBeUndefined();
      expect(await store.findByRef('learners', 'r')).toEqual([{ v: 1 }]);
      await store.commit('p', 7, [write('learners', 'l-2', { v: 1 })]);
      expect(await store.checkpoint('p')).toBe(7);
    });

    it('rolls the checkpoint and the other documents back when the database refuses one document', async () => {
      const store = await db.open();
      await store.commit('p', 5, [write('learners', 'l-1', { v: 1 })]);
      await withClient(async (client) => {
        await client.query(`ALTER TABLE "${db.schema}".documents ADD CONSTRAINT no_poison CHECK (id <> 'poison')`);
      });

      await expect(
        store.commit('p', 6, [
          write('learners', 'l-1', { v: 2 }),
          write('learners', 'l-2', { v: 1 }),
          write('learners', 'poison', { v: 1 }),
        ]),
      ).rejects.toThrow(/no_poison/);

      expect(await store.checkpoint('p')).toBe(5);
      expect(await store.get('learners', 'l-1')).toEqual({ v: 1 });
      expect((await store.load('learners', ['l-2', 'poison'])).size).toBe(0);
    });

    it('sees documents committed through another instance (another pool)', async () => {
      const [a, b] = await Promise.all([db.open(), db.open()]);
      await a.commit('p', 2, [
        write('awards', 'w-1', richDocument, { ref: 'learner-1', status: 'issued', due: '2026-02-01' }),
      ]);
      expect(await b.get('awards', 'w-1')).toEqual(richDocument);
      expect(await b.findDue('awards', 'issued', '2026-03-01', 5)).toEqual([richDocument]);
      expect(await b.checkpoint('p')).toBe(2);
    });

    it('orders findDue ties by id', async () => {
      const store = await db.open();
      await store.commit(
        'p',
        1,
        ['e-3', 'e-1', 'e-2'].map((id) => write('enrolments', id, { id }, { status: 's', due: '2026-01-01' })),
      );
      expect(await store.findDue('enrolments', 's', '2026-02-01', 10)).toEqual([
        { id: 'e-1' },
        { id: 'e-2' },
        { id: 'e-3' },
      ]);
    });

    it('refuses a position that is not a non-negative safe integer, writing nothing', async () => {
      const store = await db.open();
      for (const position of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN]) {
        await expect(store.commit('p', position, [write('learners', 'l-1', {})])).rejects.toBeInstanceOf(RangeError);
      }
      expect(await store.checkpoint('p')).toBe(0);
      expect(await store.get('learners', 'l-1')).toBeUndefined();
    });

    it('releases its connections on close() and then refuses further work', async () => {
      const store = await db.open();
      await Promise.all([store.get('a', '1'), store.get('a', '2'), store.checkpoint('p')]);
      const connections = () =>
        withClient(async (client) => {
          const { rows } = await client.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1', [
            `read-models ${db.schema}`,
          ]);
          return rows.length;
        });
      expect(await connections()).toBeGreaterThanOrEqual(1);
      await store.close();
      // A backend leaves pg_stat_activity a moment after its client says goodbye: wait for it, briefly.
      for (const deadline = Date.now() + 3000; (await connections()) > 0 && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 25));
      expect(await connections()).toBe(0);
      await expect(store.get('a', '1')).rejects.toThrow(/closed/);
      await expect(store.commit('p', 1, [])).rejects.toThrow(/closed/);
      await expect(store.checkpoint('p')).rejects.toThrow(/closed/);
      await expect(store.load('a', ['1'])).rejects.toThrow(/closed/);
      await expect(store.findByRef('a', 'r')).rejects.toThrow(/closed/);
      await expect(store.findDue('a', 's', 'z', 1)).rejects.toThrow(/closed/);
      await expect(store.reset('p', ['a'])).rejects.toThrow(/closed/);
    });

    it('fails to connect with a clear error when the server is unreachable', async () => {
      await expect(
        PostgresReadModelStore.connect({ connectionString: 'postgres://postgres@127.0.0.1:1/none', schema: db.schema }),
      ).rejects.toThrow(/ECONNREFUSED|connect/);
    });
  });

  // Defined only on request, not even as skipped tests: under CI=true the required-services
  // reporter fails this file when any of its tests is skipped.
  if (process.env.READ_MODEL_MEASURE === '1') describeThroughput();
}

function describeThroughput(): void {
  describe('PostgresReadModelStore commit throughput', () => {
    let db: ReturnType<typeof withSchema>;
    beforeEach(() => {
      db = withSchema();
    });
    afterEach(async () => {
      await db.cleanup();
    });

    const enrolment = (i: number) => ({
      id: `enrolment-${i}`,
      learnerId: `learner-${i % 500}`,
      courseId: 'course-1',
      status: 'in-progress',
      components: [{ componentId: 'essay', attempts: [{ submittedAt: '2026-01-01T00:00:00Z', mark: i % 100 }] }],
    });

    for (const batchSize of [1, 500]) {
      it(`commits documents in batches of ${batchSize}`, async () => {
        const store = await db.open();
        const total = batchSize === 1 ? 2000 : 50_000;
        // Warm up the pool and the plan cache.
        for (let i = 0; i < 20; i++) await store.commit('warm', i + 1, [write('warm', `w-${i}`, enrolment(i))]);
        const started = performance.now();
        let position = 0;
        for (let i = 0; i < total; i += batchSize) {
          const writes = Array.from({ length: batchSize }, (_, j) => {
            const doc = enrolment(i + j);
            return write('enrolments', doc.id, doc, {
              ref: doc.learnerId,
              status: doc.status,
              due: '2026-02-01T00:00:00Z',
            });
          });
          position += batchSize;
          await store.commit('measure', position, writes);
        }
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `PostgresReadModelStore: ${total} docs in batches of ${batchSize}: ${Math.round(total / seconds)} docs/s, ` +
            `${Math.round(total / batchSize / seconds)} commits/s`,
        );
        expect(await store.checkpoint('measure')).toBe(total);
      }, 120_000);
    }
  });
}
