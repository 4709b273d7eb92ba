import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streams, systemClock } from '#domain';
import { ConcurrencyConflict, PostgresEventStore, SqliteEventStore, type EventStore } from '#event-store';
import { MIN_STATUS_LIST_BITS } from '#credentials';
import type { AppConfig } from '#runtime';
import type { ProjectionHub } from '#records-api';
import { DeciderRunner } from '../../apps/records-api/src/commands/decider-runner.js';
import {
  StatusIndexAllocator,
  statusIndexRandom,
} from '../../apps/records-api/src/features/credentials/status-index-allocator.js';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor } from '../support/postgres.js';

/** Appends the store refused for a stale expected version: the races the allocation had to retry. */
let conflicts = 0;
const countingConflicts = (store: EventStore): EventStore =>
  new Proxy(store, {
    get(target, name) {
      const value = Reflect.get(target, name) as unknown;
      if (typeof value !== 'function') return value;
      if (name !== 'append') return value.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (error) {
          if (error instanceof ConcurrencyConflict) conflicts++;
          throw error;
        }
      };
    },
  });

/** Two replicas' allocators on one log: each with its own runner and in-process queue. */
const replica = (store: EventStore) =>
  new StatusIndexAllocator(
    new DeciderRunner(
      countingConflicts(store),
      systemClock,
      { consistencyWaitMs: 0 } as AppConfig,
      {} as ProjectionHub,
    ),
    statusIndexRandom,
  );

const LIST = 'university-of-northshire';
const PER_REPLICA = 40;

/**
 * Status indexes are decided by the status list's decider and recorded in events: concurrent
 * allocations on two replicas never share an index, and a rebuild from the log gives the same ones.
 */
const describeAllocation = (
  label: string,
  open: () => Promise<{ stores: [EventStore, EventStore]; close(): Promise<void> }>,
) =>
  describe(`status index allocation (${label})`, () => {
    it('gives concurrent credentials on two replicas distinct random indexes, the same again after a rebuild', async () => {
      const { stores, close } = await open();
      try {
        conflicts = 0;
        const [first, second] = stores.map(replica) as [StatusIndexAllocator, StatusIndexAllocator];
        const credentials = Array.from({ length: PER_REPLICA * 2 }, (_, i) => `urn:uuid:award-${i}`);
        const indexes = await Promise.all(
          credentials.map((id, i) => (i % 2 === 0 ? first : second).indexOf(LIST, id, [id.slice(9)])),
        );

        console.log(
          `${label}: ${credentials.length} concurrent allocations on two replicas, ${conflicts} conflicts retried`,
        );
        expect(new Set(indexes).size).toBe(credentials.length);
        expect(indexes.every((index) => Number.isInteger(index) && index >= 0 && index < MIN_STATUS_LIST_BITS)).toBe(
          true,
        );
        // Random, not issue order: 80 draws from 131,072 are not 0..79.
        expect([...indexes].sort((a, b) => a - b)).not.toEqual(credentials.map((_, i) => i));
        expect(await stores[0].read(streams.statusList(LIST))).toHaveLength(credentials.length);

        // A replica that has never seen these credentials (a rebuild) reads the same indexes from the log.
        const rebuilt = replica(stores[1]);
        const { allocations } = await rebuilt.allocations(LIST);
        expect(new Map(allocations.map((a) => [a.credentialId, a.statusListIndex]))).toEqual(
          new Map(credentials.map((id, i) => [id, indexes[i]])),
        );
        for (const [i, id] of credentials.entries())
          expect(await rebuilt.indexOf(LIST, id, [id.slice(9)])).toBe(indexes[i]);
        expect(await stores[0].read(streams.statusList(LIST))).toHaveLength(credentials.length);
      } finally {
        await close();
      }
    });
  });

describeAllocation('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-status-index-'));
  const store = SqliteEventStore.open({ path: join(dir, 'events.db') });
  return {
    stores: [store, store],
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

if (postgresAvailableFor('status index allocation on PostgreSQL'))
  describeAllocation('PostgreSQL', async () => {
    const schema = freshSchema('credence_status_index');
    const first = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema });
    const second = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema });
    return {
      stores: [first, second],
      close: async () => {
        await first.close();
        await second.close();
        await dropSchema(schema);
      },
    };
  });
