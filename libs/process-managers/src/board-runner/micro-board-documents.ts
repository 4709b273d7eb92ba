import type { EnrolmentTrack, MicroBoardState } from '#domain';
import type { DocumentReader, DocumentWrite } from '#projections';
import { partitionSuffix, type BoardPartition } from './board-partition.js';

/**
 * The micro-board's state as read-model documents, committed with the runner's checkpoint: one per
 * course (its standing board), per marker (their count of other marks) and per enrolment. Courses
 * and markers are few and are read whole; enrolments are read for the batch at hand. Each partition
 * keeps its own (markers are sampled per partition), so changing the partition count starts afresh.
 */
export interface MicroBoardCollections {
  boards: string;
  markers: string;
  enrolments: string;
}

export const microBoardCollections = (partition: BoardPartition): MicroBoardCollections => {
  const suffix = partitionSuffix(partition);
  return {
    boards: `micro-board:boards${suffix}`,
    markers: `micro-board:markers${suffix}`,
    enrolments: `micro-board:enrolments${suffix}`,
  };
};
/** The `ref` every board and marker document is indexed under, to read them all at once. */
const ALL = 'micro-board';

interface BoardDocument {
  courseId: string;
  boardId: string;
}
interface MarkerDocument {
  markerId: string;
  otherMarks: number;
}

/** A track saved before appeals has no award fields. */
type SavedTrack = Omit<EnrolmentTrack, 'awards' | 'award' | 'appealId'> & Partial<EnrolmentTrack>;

const isTrack = (doc: unknown): doc is SavedTrack =>
  typeof doc === 'object' && doc !== null && 'courseId' in doc && 'passMarks' in doc;

/** The boards and markers of a micro-board state: few, and read whole. */
export type StandingState = Pick<MicroBoardState, 'boards' | 'markers'>;

/** The state for a batch: the given enrolments' tracks, and the boards and markers unless `standing` already has them. */
export const loadMicroBoardState = async (
  reader: DocumentReader,
  collections: MicroBoardCollections,
  enrolmentIds: readonly string[],
  standing?: StandingState,
): Promise<MicroBoardState> => {
  const [loadedStanding, tracks] = await Promise.all([
    standing ?? loadStanding(reader, collections),
    reader.load(collections.enrolments, [...new Set(enrolmentIds)]),
  ]);
  const enrolments: Record<string, EnrolmentTrack> = {};
  // A track saved before appeals knows of no award: one issued then is found by its id on a replay.
  for (const [id, doc] of tracks) if (isTrack(doc)) enrolments[id] = { awards: 0, award: null, appealId: null, ...doc };
  return { ...loadedStanding, enrolments };
};

const loadStanding = async (reader: DocumentReader, collections: MicroBoardCollections): Promise<StandingState> => {
  const [boards, markers] = await Promise.all([
    reader.findByRef<BoardDocument>(collections.boards, ALL),
    reader.findByRef<MarkerDocument>(collections.markers, ALL),
  ]);
  return {
    boards: Object.fromEntries(boards.map((b) => [b.courseId, b.boardId])),
    markers: Object.fromEntries(markers.map((m) => [m.markerId, m.otherMarks])),
  };
};

/** The documents that changed from `before` to `after` (evolve returns new objects only for what changed). */
export const microBoardWrites = (
  collections: MicroBoardCollections,
  before: MicroBoardState,
  after: MicroBoardState,
): DocumentWrite[] => [
  ...Object.entries(after.boards)
    .filter(([courseId, boardId]) => before.boards[courseId] !== boardId)
    .map(([courseId, boardId]) => ({
      collection: collections.boards,
      id: courseId,
      doc: { courseId, boardId },
      index: { ref: ALL },
    })),
  ...Object.entries(after.markers)
    .filter(([markerId, otherMarks]) => before.markers[markerId] !== otherMarks)
    .map(([markerId, otherMarks]) => ({
      collection: collections.markers,
      id: markerId,
      doc: { markerId, otherMarks },
      index: { ref: ALL },
    })),
  ...Object.entries(after.enrolments)
    .filter(([enrolmentId, track]) => before.enrolments[enrolmentId] !== track)
    .map(([enrolmentId, track]) => ({ collection: collections.enrolments, id: enrolmentId, doc: track, index: {} })),
];
