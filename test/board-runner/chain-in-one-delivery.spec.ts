import { jest } from '@jest/globals';
import { SqliteEventStore, type RecordedEvent } from '#event-store';
import { SqliteReadModelStore } from '#projections';
import { MARKERS, World } from './interleavings/world.js';

/**
 * A final mark starts a chain in which each step is the runner's reaction to its own last one: the
 * outcome, the case, its decision, the confirmation, the award. The runner follows it within the
 * delivery of the mark, reading from the log in order what it appended, so the chain costs one
 * commit of its state; the live feed then hands it those events again, and they change nothing.
 */
describe('BoardRunner follows the chain a batch starts', () => {
  const open = () => {
    const store = SqliteEventStore.open({ path: ':memory:' });
    const readModels = new SqliteReadModelStore(':memory:');
    return { store, readModels, world: new World(store, readModels, 1) };
  };

  it('takes a final mark to the award in one delivery and one commit; the same events delivered again change nothing', async () => {
    const { store, readModels, world } = open();
    try {
      await world.seed();
      await world.drain();
      await world.enrolment(0, { type: 'RecordMark', data: { componentId: 'essay', mark: 65, markerId: MARKERS[0] } });
      await world.drain();
      const enrolmentId = world.enrolmentIds[0]!;
      const head = await store.headPosition();
      await world.enrolment(0, { type: 'RecordMark', data: { componentId: 'exam', mark: 65, markerId: MARKERS[1] } });
      const finalMark: RecordedEvent[] = [];
      for await (const event of store.readAll(head, world.runner.filter)) finalMark.push(event);
      const commits = jest.spyOn(readModels, 'commit');

      await world.runner.handle(finalMark);

      expect(commits).toHaveBeenCalledTimes(1);
      expect((await world.award(enrolmentId)).map((e) => e.type)).toEqual(['AwardIssued']);
      expect((await world.cases(enrolmentId)).map((c) => c.status)).toEqual(['decided']);
      const after = await store.headPosition();
      const chain: RecordedEvent[] = [];
      for await (const event of store.readAll(head, world.runner.filter)) chain.push(event);
      expect(chain.map((e) => e.type)).toEqual([
        'MarkRecorded',
        'OutcomeCalculated',
        'CaseDecided',
        'OutcomeConfirmed',
      ]);
      expect(await world.runner.position()).toBe(chain.at(-1)!.position);

      // The live feed brings the chain's events to the runner too: already handled, they are skipped.
      await world.runner.handle(chain);
      expect(commits).toHaveBeenCalledTimes(1);
      expect(await store.headPosition()).toBe(after);
    } finally {
      await store.close();
      await readModels.close();
    }
  });
});
