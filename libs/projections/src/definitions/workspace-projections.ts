import {
  courseDecider,
  learnerDecider,
  type MarkClassification,
  type Moderation,
  type MarkAmended,
  type MarkModerated,
  type MarkRecorded,
  type MarkReleased,
  type MarkSampledForModeration,
  type SamplingReason,
  type WorkSubmitted,
} from '#domain';
import { readModelProjection, type ReadModelProjection, type Recorded } from '../projection.js';
import { streamStateProjection } from './stream-projection.js';

/**
 * Read models for the people who use the system daily (the web app): the marking queue, each
 * marker's moderation results, the catalogue and the learner directory (enrolments by course are a
 * view of the enrolment projection: course-enrolments.ts). They keep their own checkpoint
 * (`projections:workspace`), so a store that predates them fills them by catching up from the start
 * of the log, without a rebuild of the record read models.
 */
export const WORKSPACE_COLLECTIONS = {
  marking: 'marking',
  catalogue: 'catalogue',
  learnerDirectory: 'learner-directory',
} as const;

/** A submission waiting for its mark; after marking, where the mark stands in moderation. */
export type MarkingStatus = 'awaiting-mark' | MarkClassification;

/** One submitted attempt of one component, from submission to its final mark. */
export interface MarkingItem {
  enrolmentId: string;
  componentId: string;
  attempt: number;
  submittedAt: string;
  status: MarkingStatus;
  markerId: string | null;
  /** The current mark: as recorded, amended or moderated. */
  mark: number | null;
  /** The mark as the marker last gave it, before any moderator's adjustment. */
  markersMark: number | null;
  markedAt: string | null;
  samplingReason: SamplingReason | null;
  moderation: Moderation | null;
  amendments: number;
}

type MarkingEvent =
  WorkSubmitted | MarkRecorded | MarkAmended | MarkSampledForModeration | MarkReleased | MarkModerated;

export const markingItemId = (enrolmentId: string, componentId: string, attempt: number): string =>
  `${enrolmentId}:${componentId}:${attempt}`;

const evolveItem = (item: MarkingItem | undefined, event: Recorded<MarkingEvent>): MarkingItem => {
  if (event.type === 'WorkSubmitted' || !item) {
    const { enrolmentId, componentId, attempt } = event.data;
    return {
      enrolmentId,
      componentId,
      attempt,
      submittedAt: (event.type === 'WorkSubmitted' ? event.data.submittedAt : undefined) ?? event.metadata.occurredAt,
      status: 'awaiting-mark',
      markerId: null,
      mark: null,
      markersMark: null,
      markedAt: null,
      samplingReason: null,
      moderation: null,
      amendments: 0,
    };
  }
  switch (event.type) {
    case 'MarkRecorded': {
      const { markerId, mark, markedAt } = event.data;
      return { ...item, status: 'pending', markerId, mark, markersMark: mark, markedAt };
    }
    case 'MarkAmended':
      // Classified afresh, like the enrolment's own state.
      return {
        ...item,
        status: 'pending',
        mark: event.data.mark,
        markersMark: event.data.mark,
        samplingReason: null,
        moderation: null,
        amendments: item.amendments + 1,
      };
    case 'MarkSampledForModeration':
      return { ...item, status: 'sampled', samplingReason: event.data.reason };
    case 'MarkReleased':
      return { ...item, status: 'released', samplingReason: null };
    case 'MarkModerated': {
      const { moderatorId, decision, originalMark, reason, moderatedAt, mark } = event.data;
      return {
        ...item,
        status: 'moderated',
        mark,
        moderation: { moderatorId, decision, originalMark, reason, moderatedAt },
      };
    }
  }
};

/**
 * One document per submitted attempt. Indexed by marker (their moderation results), by status
 * (`awaiting-mark` is the marking queue, `sampled` the moderation queue) and by the time it has
 * waited since (submission, then marking), so both queues come out oldest first.
 */
export const markingProjection = readModelProjection<MarkingItem, MarkingEvent>({
  collection: WORKSPACE_COLLECTIONS.marking,
  canHandle: [
    'WorkSubmitted',
    'MarkRecorded',
    'MarkAmended',
    'MarkSampledForModeration',
    'MarkReleased',
    'MarkModerated',
  ],
  documentIdOf: ({ data }) => markingItemId(data.enrolmentId, data.componentId, data.attempt),
  evolve: evolveItem,
  indexOf: (item) => ({
    ref: item.markerId,
    status: item.status,
    due: item.status === 'awaiting-mark' ? item.submittedAt : item.markedAt,
  }),
});

/** Status index value shared by every listed document, so one ordered scan lists them. */
export const LISTED = 'listed';

/** Every course, ordered by code: the catalogue the staff pick from. */
export const catalogueProjection = streamStateProjection({
  collection: WORKSPACE_COLLECTIONS.catalogue,
  category: 'course',
  ...courseDecider,
  indexOf: (state) => (state.status === 'none' ? {} : { status: LISTED, due: state.code }),
});

/**
 * Every learner, for the registry to find. Keyed by id only: names may be sealed personal data,
 * and an index column holding them in plain text would outlive an erasure.
 */
export const learnerDirectoryProjection = streamStateProjection({
  collection: WORKSPACE_COLLECTIONS.learnerDirectory,
  category: 'learner',
  ...learnerDecider,
  indexOf: (state) => (state.status === 'none' ? {} : { status: LISTED, due: state.learnerId }),
});

export const workspaceProjections: ReadModelProjection[] = [
  markingProjection,
  catalogueProjection,
  learnerDirectoryProjection,
];
