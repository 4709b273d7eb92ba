import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, streams } from '#domain';
import {
  PostgresEventStore,
  SqliteEventStore,
  SubscriptionHub,
  type CheckpointedConsumer,
  type EventStore,
  type RecordedEvent,
} from '#event-store';
import {
  PARKED_STREAMS,
  parkAt,
  parkedStreamWrite,
  ParkingConsumer,
  ProjectionConsumer,
  rebuildProjections,
  recordProjections,
  PostgresReadModelStore,
  SqliteReadModelStore,
  type ParkedStream,
  type ReadModelStore,
} from '#projections';
import { DATABASE_URL, dropSchema, freshSchema, postgresAvailableFor } from '../support/postgres.js';
import { metadata } from '../support/event-metadata.js';

const clock = fixedClock('2026-11-23T10:00:00Z');

/** A consumer that keeps what it applied as a read-model document (with its checkpoint) and fails on chosen streams. */
class Applier implements CheckpointedConsumer {
  readonly name = 'applier';
  readonly failsOn = new Set<string>();
  readonly filter = { eventTypes: ['Thing'] };
  constructor(private readonly readModels: ReadModelStore) {}
  position() {
    return this.readModels.checkpoint(this.name);
  }
  async handle(events: readonly RecordedEvent[]) {
    const applied = (await this.readModels.get<{ seen: string[] }>('applied', 'all'))?.seen ?? [];
    for (const e of events) {
      if (this.failsOn.has(e.streamId)) throw new Error(`cannot apply ${e.streamId}#${e.streamVersion}`);
      applied.push(`${e.streamId}#${e.streamVersion}`);
    }
    await this.readModels.commit(this.name, events.at(-1)!.position, [
      { collection: 'applied', id: 'all', doc: { seen: applied }, index: {} },
    ]);
  }
}

interface Stores {
  events: EventStore;
  readModels: ReadModelStore;
  cleanup(): Promise<void>;
}

const until = async (condition: () => Promise<boolean> | boolean, what: string) => {
  const deadline = Date.now() + 8000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

const describeParking = (name: string, open: () => Promise<Stores>) =>
  describe(`stream parking (${name})`, () => {
    let stores: Stores;
    let hub: SubscriptionHub | undefined;
    beforeEach(async () => {
      stores = await open();
    });
    afterEach(async () => {
      await hub?.stop();
      hub = undefined;
      await stores.cleanup();
    });

    const start = (applier: Applier) => {
      const { events, readModels } = stores;
      hub = new SubscriptionHub(events, [new ParkingConsumer(applier, readModels, events, clock)], {
        retryDelayMs: 20,
        commitTogether: readModels.commitTogether?.bind(readModels),
      });
      hub.start();
      return hub;
    };
    const thing = (stream: string, n = 1) =>
      stores.events.append(
        stream,
        Array.from({ length: n }, () => ({ type: 'Thing', data: {}, metadata })),
        'any',
      );
    const applied = async () => (await stores.readModels.get<{ seen: string[] }>('applied', 'all'))?.seen ?? [];
    const parked = () => stores.readModels.findByRef<ParkedStream>(PARKED_STREAMS, 'applier');

    it('parks the stream that fails, holds its later events and keeps every other stream flowing', async () => {
      const applier = new Applier(stores.readModels);
      applier.failsOn.add('bad-1');
      start(applier);
      await thing('good-1');
      await thing('bad-1');
      await thing('good-2');
      await thing('bad-1', 2);
      const { lastPosition } = await thing('good-3');
      await until(async () => (await applied()).includes('good-3#1'), 'good-3 to be applied');
      expect(await applied()).toEqual(['good-1#1', 'good-2#1', 'good-3#1']);
      const [parking] = await parked();
      expect(parking).toMatchObject({
        consumer: 'applier',
        streamId: 'bad-1',
        status: 'parked',
        event: { type: 'Thing', streamVersion: 1 },
        error: 'Error: cannot apply bad-1#1',
        parkedAt: '2026-11-23T10:00:00.000Z',
        heldEvents: 2,
      });
      await until(async () => (await stores.readModels.checkpoint('applier')) === lastPosition, 'the checkpoint');
    });

    it('keeps the stream parked across a restart, and a retry replays the held events in order', async () => {
      const applier = new Applier(stores.readModels);
      applier.failsOn.add('bad-1');
      start(applier);
      await thing('bad-1');
      await thing('good-1');
      await thing('bad-1');
      await until(async () => (await applied()).includes('good-1#1'), 'good-1');
      await until(async () => (await parked())[0]?.heldEvents === 1, 'the held event');
      await hub!.stop();

      // Restarted and fixed: the stream stays parked (its new events held) until someone retries it.
      const fixed = new Applier(stores.readModels);
      start(fixed);
      await thing('bad-1');
      await thing('good-2');
      await until(async () => (await applied()).includes('good-2#1'), 'good-2');
      expect(await applied()).toEqual(['good-1#1', 'good-2#1']);
      const [parking] = await parked();
      expect(parking).toMatchObject({ status: 'parked', heldEvents: 2 });

      await stores.events.append(
        streams.parkedStream(parking!.id),
        [
          {
            type: 'ParkedStreamRetryRequested',
            data: {
              parkedId: parking!.id,
              consumer: 'applier',
              streamId: 'bad-1',
              requestedAt: '2026-11-23T11:00:00Z',
            },
            metadata,
          },
        ],
        'any',
      );
      await thing('bad-1');
      await until(async () => (await applied()).includes('bad-1#4'), 'the replay and the next event');
      expect(await applied()).toEqual(['good-1#1', 'good-2#1', 'bad-1#1', 'bad-1#2', 'bad-1#3', 'bad-1#4']);
      expect((await parked())[0]).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-23T10:00:00.000Z' });
    });

    it('a retry that fails again leaves the stream parked with the new error, and others keep flowing', async () => {
      const applier = new Applier(stores.readModels);
      applier.failsOn.add('bad-1');
      start(applier);
      await thing('bad-1');
      await until(async () => (await parked()).length === 1, 'the parking');
      const [parking] = await parked();
      await stores.events.append(
        streams.parkedStream(parking!.id),
        [
          {
            type: 'ParkedStreamRetryRequested',
            data: {
              parkedId: parking!.id,
              consumer: 'applier',
              streamId: 'bad-1',
              requestedAt: '2026-11-23T11:00:00Z',
            },
            metadata,
          },
        ],
        'any',
      );
      await thing('good-1');
      await until(async () => (await applied()).includes('good-1#1'), 'good-1');
      expect((await parked())[0]).toMatchObject({ status: 'parked', failedRetries: 1, event: { streamVersion: 1 } });
    });
  });

describeParking('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-parking-'));
  const events = SqliteEventStore.open({ path: join(dir, 'events.db'), pollIntervalMs: 10 });
  const readModels = new SqliteReadModelStore(join(dir, 'read-models.db'));
  return {
    events,
    readModels,
    cleanup: async () => {
      await events.close();
      await readModels.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

if (postgresAvailableFor('stream parking on PostgreSQL'))
  describeParking('PostgreSQL', async () => {
    const schema = freshSchema('credence_parking');
    const events = await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, pollIntervalMs: 20 });
    const readModels = await PostgresReadModelStore.connect({ connectionString: DATABASE_URL, schema });
    return {
      events,
      readModels,
      cleanup: async () => {
        await events.close();
        await readModels.close();
        await dropSchema(schema);
      },
    };
  });

describe('a rebuild and the parkings', () => {
  it('releases the rebuilt consumer parkings: the rebuild has replayed their streams', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-parking-rebuild-'));
    const events = SqliteEventStore.open({ path: join(dir, 'events.db') });
    const readModels = new SqliteReadModelStore(join(dir, 'read-models.db'));
    try {
      const { lastPosition } = await events.append('misc-1', [{ type: 'Thing', data: {}, metadata }], 'no-stream');
      const [event] = await events.read('misc-1');
      const parked = parkAt('projections:records', event!, new Error('bug'), '2026-11-23T10:00:00.000Z');
      await readModels.commit('projections:records', lastPosition, [parkedStreamWrite(parked)]);
      await readModels.commit('test:other', lastPosition, [
        parkedStreamWrite(parkAt('test:other', event!, new Error('bug'), '2026-11-23T10:00:00.000Z')),
      ]);

      await rebuildProjections(events, new ProjectionConsumer('projections:records', readModels, recordProjections));

      expect(await readModels.get(PARKED_STREAMS, parked.id)).toMatchObject({ status: 'resolved' });
      expect(await readModels.findByRef(PARKED_STREAMS, 'test:other')).toMatchObject([{ status: 'parked' }]);
    } finally {
      await events.close();
      await readModels.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
