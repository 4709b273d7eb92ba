import type { RecordedEvent } from '#event-store';
import {
  awaitingMarkIn,
  courseEnrolmentsView,
  enrolmentProjection,
  learnerDirectoryProjection,
  markingItemId,
  markingProjection,
  type MarkingItem,
  type ReadModelProjection as Projection,
} from '#projections';
import { EnrolmentHistory } from './enrolment-history.js';

/** Folds events into the documents of one projection, as the consumer does. */
const fold = <Doc>(projection: Projection<Doc>, events: RecordedEvent[]): Map<string, Doc> => {
  const docs = new Map<string, Doc>();
  for (const event of events) {
    const id = projection.documentIdOf(event);
    if (id !== undefined) docs.set(id, projection.apply(docs.get(id), event));
  }
  return docs;
};

describe('the marking projection', () => {
  const essay = markingItemId('m1', 'essay', 1);

  it('queues a submission by when it was submitted, then files the mark under its marker', () => {
    const history = new EnrolmentHistory('m1').submitted('essay', '2026-11-01T09:00:00.000Z');
    const queued = fold(markingProjection, history.recorded()).get(essay)!;
    expect(markingProjection.indexOf(queued)).toEqual({
      ref: null,
      status: 'awaiting-mark',
      due: '2026-11-01T09:00:00.000Z',
    });

    history.marked('essay', 48, '2026-11-02T10:00:00.000Z').sampled('essay', 'fail');
    const sampled = fold(markingProjection, history.recorded()).get(essay)!;
    expect(markingProjection.indexOf(sampled)).toEqual({
      ref: 'tutor-jo',
      status: 'sampled',
      due: '2026-11-02T10:00:00.000Z',
    });
    expect(sampled.samplingReason).toBe('fail');
  });

  it("keeps the marker's own mark when a moderator adjusts it", () => {
    const history = new EnrolmentHistory('m1')
      .submitted('essay', '2026-11-01T09:00:00.000Z')
      .marked('essay', 48, '2026-11-02T10:00:00.000Z')
      .sampled('essay', 'fail')
      .moderated('essay', 48, 52, '2026-11-03T10:00:00.000Z');
    const item: MarkingItem = fold(markingProjection, history.recorded()).get(essay)!;
    expect([item.status, item.mark, item.markersMark, item.moderation?.decision, item.samplingReason]).toEqual([
      'moderated',
      52,
      48,
      'adjusted',
      'fail',
    ]);
  });

  it('classifies an amended mark afresh, as the enrolment does', () => {
    const history = new EnrolmentHistory('m1')
      .submitted('essay', '2026-11-01T09:00:00.000Z')
      .marked('essay', 48, '2026-11-02T10:00:00.000Z')
      .sampled('essay', 'fail')
      .amended('essay', 48, 66, '2026-11-02T11:00:00.000Z');
    const item = fold(markingProjection, history.recorded()).get(essay)!;
    expect([item.status, item.mark, item.samplingReason, item.amendments]).toEqual(['pending', 66, null, 1]);
  });

  it('keeps each attempt apart', () => {
    const history = new EnrolmentHistory('m1')
      .submitted('essay', '2026-11-01T09:00:00.000Z')
      .marked('essay', 30, '2026-11-02T10:00:00.000Z')
      .submitted('essay', '2026-11-20T09:00:00.000Z', 2);
    const docs = fold(markingProjection, history.recorded());
    expect([
      docs.get(markingItemId('m1', 'essay', 1))!.status,
      docs.get(markingItemId('m1', 'essay', 2))!.status,
    ]).toEqual(['pending', 'awaiting-mark']);
  });
});

describe('the enrolments by course (a view of the enrolment projection)', () => {
  const index = (history: EnrolmentHistory) => {
    const [doc] = fold(enrolmentProjection, history.recorded()).values();
    return courseEnrolmentsView.indexOf(doc!);
  };

  it('holds an entry naming the enrolment, not a second copy of its state', () => {
    const [doc] = fold(enrolmentProjection, new EnrolmentHistory('q0', 'course-7').recorded()).values();
    expect(courseEnrolmentsView.entryOf(doc!)).toEqual({ enrolmentId: 'q0' });
  });

  it("indexes an enrolment with unmarked work into its course's marking queue, due at the oldest submission", () => {
    const history = new EnrolmentHistory('q1', 'course-7')
      .submitted('exam', '2026-11-05T09:00:00.000Z')
      .submitted('essay', '2026-11-03T09:00:00.000Z');
    expect(index(history)).toEqual({
      ref: 'course-7',
      status: awaitingMarkIn('course-7'),
      due: '2026-11-03T09:00:00.000Z',
    });
    history.marked('essay', 64, '2026-11-06T09:00:00.000Z');
    expect(index(history).due).toBe('2026-11-05T09:00:00.000Z');
    history.marked('exam', 64, '2026-11-06T09:00:00.000Z');
    expect(index(history)).toEqual({ ref: 'course-7', status: 'active', due: '2026-09-01' });
  });

  it('leaves a withdrawn enrolment out of the marking queue', () => {
    const history = new EnrolmentHistory('q2', 'course-7')
      .submitted('essay', '2026-11-03T09:00:00.000Z')
      .withdrawn('2026-12-01');
    expect(index(history).status).toBe('withdrawn');
  });
});

describe('the learner directory', () => {
  it('indexes learners by id only: no personal data in an index column', () => {
    const registered: RecordedEvent = {
      id: 'e1',
      streamId: 'learner-l1',
      streamVersion: 1,
      position: 1,
      type: 'LearnerRegistered',
      data: {
        learnerId: 'l1',
        givenName: 'Amira',
        familyName: 'Okafor',
        email: 'amira@example.org',
        registeredAt: '2026-11-01T09:00:00Z',
      },
      metadata: {
        actor: 'registry',
        role: 'registry',
        correlationId: 'c',
        causationId: null,
        occurredAt: '2026-11-01T09:00:00Z',
      },
      recordedAt: '2026-11-01T09:00:00Z',
    };
    const doc = fold(learnerDirectoryProjection, [registered]).get('l1')!;
    expect(learnerDirectoryProjection.indexOf(doc)).toEqual({ status: 'listed', due: 'l1' });
  });
});
