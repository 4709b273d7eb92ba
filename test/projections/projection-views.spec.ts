import type { RecordedEvent } from '#event-store';
import {
  COLLECTIONS,
  enrolmentsOfCourse,
  ProjectionConsumer,
  SqliteReadModelStore,
  type ReadModelProjection,
} from '#projections';
import { metadata } from '../support/event-metadata.js';

const event = (position: number, thing: string, data: { owner: string; group: string }): RecordedEvent => ({
  id: `e${position}`,
  streamId: `thing-${thing}`,
  streamVersion: position,
  position,
  type: 'Counted',
  data,
  metadata,
  recordedAt: '2026-11-23T09:00:00Z',
});

interface Counted {
  id: string;
  owner: string;
  group: string;
  count: number;
}

/** Counts a thing's events, found by owner; its view finds the same things by group. */
const counter: ReadModelProjection<Counted> = {
  collection: 'things',
  documentIdOf: (e) => e.streamId,
  apply: (doc, e) => {
    const { owner, group } = e.data as { owner: string; group: string };
    return { id: e.streamId, owner, group, count: (doc?.count ?? 0) + 1 };
  },
  indexOf: (doc) => ({ ref: doc.owner }),
  views: [
    { collection: 'things-by-group', entryOf: (doc) => ({ id: doc.id }), indexOf: (doc) => ({ ref: doc.group }) },
  ],
};

describe('a projection view', () => {
  let readModels: SqliteReadModelStore;
  let consumer: ProjectionConsumer;
  beforeEach(() => {
    readModels = new SqliteReadModelStore(':memory:');
    consumer = new ProjectionConsumer('views', readModels, [counter]);
  });
  afterEach(() => readModels.close());

  it('writes an entry per document, indexed its own way, in the same commit', async () => {
    await consumer.handle([event(1, 'a', { owner: 'o1', group: 'g1' }), event(2, 'b', { owner: 'o2', group: 'g1' })]);
    expect(await readModels.findByRef('things-by-group', 'g1')).toEqual([{ id: 'thing-a' }, { id: 'thing-b' }]);
    // The thing moves group: its entry follows, as the document does.
    await consumer.handle([event(3, 'a', { owner: 'o1', group: 'g2' })]);
    expect(await readModels.findByRef('things-by-group', 'g1')).toEqual([{ id: 'thing-b' }]);
    expect(await readModels.findByRef('things-by-group', 'g2')).toEqual([{ id: 'thing-a' }]);
    expect(await readModels.get('things', 'thing-a')).toMatchObject({ count: 2, group: 'g2' });
  });

  it('is forgotten with the documents when the consumer is reset for a rebuild', async () => {
    await consumer.handle([event(1, 'a', { owner: 'o1', group: 'g1' })]);
    await consumer.reset();
    expect(await readModels.findByRef('things-by-group', 'g1')).toEqual([]);
    expect(await readModels.get('things', 'thing-a')).toBeUndefined();
  });
});

describe("a course's enrolments", () => {
  it('are read through the entries, also those written as whole states before the view', async () => {
    const readModels = new SqliteReadModelStore(':memory:');
    try {
      const state = (enrolmentId: string) => ({ enrolmentId, courseId: 'course-7', status: 'active' });
      await readModels.commit('setup', 1, [
        { collection: COLLECTIONS.enrolments, id: 'e1', doc: state('e1'), index: {} },
        { collection: COLLECTIONS.enrolments, id: 'e2', doc: state('e2'), index: {} },
        // An entry of the view, and (e2) the whole state the workspace consumer used to keep.
        { collection: COLLECTIONS.courseEnrolments, id: 'e1', doc: { enrolmentId: 'e1' }, index: { ref: 'course-7' } },
        { collection: COLLECTIONS.courseEnrolments, id: 'e2', doc: state('e2'), index: { ref: 'course-7' } },
      ]);
      expect(await readModels.snapshot((reader) => enrolmentsOfCourse(reader, 'course-7'))).toEqual([
        state('e1'),
        state('e2'),
      ]);
    } finally {
      await readModels.close();
    }
  });
});
