import { AppendedTail } from '../../libs/event-store/src/sqlite/appended-tail.js';
import type { RecordedEvent } from '#event-store';

const event = (position: number, streamId = 'enrolment-1', type = 'MarkRecorded'): RecordedEvent => ({
  id: `e-${position}`,
  streamId,
  streamVersion: position,
  position,
  type,
  data: {},
  metadata: { actor: 'a', role: 'tutor', correlationId: 'c', causationId: null, occurredAt: '2026-11-23T09:00:00Z' },
  recordedAt: '2026-11-23T09:00:00Z',
});
const positions = (events: RecordedEvent[] | undefined) => events?.map((e) => e.position);

describe('AppendedTail', () => {
  it('hands over a range it holds whole, and nothing it does not', () => {
    const tail = new AppendedTail(10);
    tail.add([event(5), event(6)]);
    tail.add([event(7)]);

    expect(positions(tail.between(4, 7, undefined, 100))).toEqual([5, 6, 7]);
    expect(positions(tail.between(5, 6, undefined, 100))).toEqual([6]);
    expect(positions(tail.between(4, 7, undefined, 2))).toEqual([5, 6]);
    expect(tail.between(3, 7, undefined, 100)).toBeUndefined(); // position 4 is not held
    expect(tail.between(4, 8, undefined, 100)).toBeUndefined(); // nor is 8
  });

  it('starts again after a gap: what another writer appended in between is not held', () => {
    const tail = new AppendedTail(10);
    tail.add([event(1), event(2)]);
    tail.add([event(4)]);

    expect(tail.between(0, 4, undefined, 100)).toBeUndefined();
    expect(tail.between(2, 4, undefined, 100)).toBeUndefined();
    expect(positions(tail.between(3, 4, undefined, 100))).toEqual([4]);
  });

  it('applies the filter: any of the stream prefixes, any of the event types', () => {
    const tail = new AppendedTail(10);
    tail.add([event(1, 'enrolment-1'), event(2, 'course-1'), event(3, 'enrolment-2', 'Other'), event(4, 'board-1')]);

    const filter = { streamPrefixes: ['enrolment-', 'board-'], eventTypes: ['MarkRecorded'] };
    expect(positions(tail.between(0, 4, filter, 100))).toEqual([1, 4]);
    expect(positions(tail.between(0, 4, filter, 1))).toEqual([1]);
  });

  it('keeps at least its capacity of the latest events and forgets older ones', () => {
    const tail = new AppendedTail(3);
    for (let p = 1; p <= 6; p++) tail.add([event(p)]);

    expect(tail.between(0, 6, undefined, 100)).toBeUndefined();
    expect(positions(tail.between(3, 6, undefined, 100))).toEqual([4, 5, 6]);
    expect(new AppendedTail(0).between(0, 0, undefined, 1)).toBeUndefined();
  });
});
