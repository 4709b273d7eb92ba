import { randomUUID } from 'node:crypto';
import {
  boardDecider,
  courseDecider,
  enrolmentDecider,
  learnerDecider,
  MAX_BOARD_COURSES,
  streams,
  systemClock,
  type CourseState,
  type Decider,
  type DefineCourse,
  type DomainEvent,
  type EnrolmentCommand,
  type LearnerState,
} from '#domain';
import type { EventStore } from '#event-store';
import { loadConfig, openStores } from '#runtime';

const today = () => new Date().toISOString().slice(0, 10);

export type DefinedCourse = Exclude<CourseState, { status: 'none' }>;

/**
 * Seeds the log directly through the store port, much faster than over HTTP, with the events the
 * API would write: each stream's commands go through the domain's own decider (the same `decide`
 * the command handlers run), and the stream's events are appended in one append. The server must
 * not be running on the same store (seed first, then start it, or rebuild the read models).
 */
export class Seeder {
  constructor(private readonly store: EventStore) {}

  /** Decides `commands` in order against a new stream and appends every resulting event at once. */
  async create<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    commands: readonly Command[],
    actor = 'registry-bench',
    role = 'registry',
  ): Promise<State> {
    let state = decider.initialState;
    const events: Event[] = [];
    for (const command of commands) {
      const decided = decider.decide(command, state, systemClock);
      state = decided.reduce(decider.evolve, state);
      events.push(...decided);
    }
    const metadata = {
      actor,
      role,
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
    };
    await this.store.append(
      streamId,
      events.map((e) => ({ type: e.type, data: e.data, metadata })),
      'no-stream',
    );
    return state;
  }

  async course(definition: Omit<DefineCourse['data'], 'courseId'>): Promise<DefinedCourse> {
    const courseId = randomUUID();
    // Approved, as a course must be before it takes enrolments.
    const approval = { approvedBy: 'Bench Senate', externalAdviser: 'Bench Adviser', approvedOn: today() };
    return (await this.create(courseDecider, streams.course(courseId), [
      { type: 'DefineCourse', data: { ...definition, courseId } },
      { type: 'ApproveCourse', data: { ...approval, courseId } },
    ])) as DefinedCourse;
  }

  /** Standing boards with delegated authority over the courses, as many as the limit of courses per board asks. */
  async boards(courseIds: string[]): Promise<string[]> {
    const boardIds: string[] = [];
    for (let first = 0; first < courseIds.length; first += MAX_BOARD_COURSES)
      boardIds.push(await this.board(courseIds.slice(first, first + MAX_BOARD_COURSES)));
    return boardIds;
  }

  /** A standing board with delegated authority over the courses (at most MAX_BOARD_COURSES). */
  async board(courseIds: string[]): Promise<string> {
    const boardId = randomUUID();
    const members = [
      { memberId: 'chair-bench', name: 'Chair', role: 'chair' as const },
      { memberId: 'member-bench', name: 'Member', role: 'internal' as const },
    ];
    await this.create(boardDecider, streams.board(boardId), [
      { type: 'ConstituteBoard', data: { boardId, name: 'Bench board', courseIds, members } },
    ]);
    return boardId;
  }

  async learner(index: number): Promise<LearnerState & { learnerId: string }> {
    const learnerId = randomUUID();
    const data = {
      learnerId,
      givenName: 'Bench',
      familyName: `Learner ${index}`,
      email: `learner${index}@bench.example`,
    };
    return (await this.create(learnerDecider, streams.learner(learnerId), [
      { type: 'RegisterLearner', data },
    ])) as LearnerState & {
      learnerId: string;
    };
  }

  /**
   * An enrolment starting today with the given components submitted, and optionally `marks`
   * recorded by `markerId` (pending, as the API leaves them for the board runner).
   */
  async enrolment(
    learner: LearnerState & { learnerId: string },
    course: DefinedCourse,
    submit: readonly string[],
    marks: { componentId: string; mark: number; markerId: string }[] = [],
  ): Promise<string> {
    const enrolmentId = randomUUID();
    const startDate = today();
    const commands: EnrolmentCommand[] = [
      {
        type: 'StartEnrolment',
        data: { enrolmentId, learnerId: learner.learnerId, courseId: course.courseId, startDate },
        learner,
        course,
        coveringBoardId: 'bench-board',
      },
      ...submit.map((componentId): EnrolmentCommand => ({ type: 'SubmitWork', data: { componentId } })),
      ...marks.map((data): EnrolmentCommand => ({ type: 'RecordMark', data })),
    ];
    await this.create(enrolmentDecider, streams.enrolment(enrolmentId), commands);
    return enrolmentId;
  }
}

/** A valid short course (FHEQ 7, 15 credits) with `components` equally weighted components c1..cN. */
export const benchCourse = (code: string, components: number): Omit<DefineCourse['data'], 'courseId'> => ({
  code,
  title: `Benchmark course ${code}`,
  awardingBody: 'Bench University',
  credits: 15,
  level: { framework: 'FHEQ', level: 7 },
  hecosCodes: ['100366'],
  cahCode: 'CAH11-01-01',
  modeOfLearning: 'online',
  aims: 'Measure the system under load.',
  learningOutcomes: ['Measure latency'],
  maxEngagementDays: 365,
  components: Array.from({ length: components }, (_, i) => ({
    id: `c${i + 1}`,
    title: `Component ${i + 1}`,
    weight: i < 100 % components ? Math.floor(100 / components) + 1 : Math.floor(100 / components),
  })),
});

/**
 * The stores of a data folder opened as the server opens them (openStores: the same adapters and
 * wrappers, e.g. personal-data sealing on append), for seeding before the server starts.
 */
export const openSeedStores = async (
  dataDir: string,
  secret: string,
): Promise<{ store: EventStore; close(): Promise<void> }> => {
  const stores = await openStores(loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: secret, SWEEP_INTERVAL_MS: '0' }));
  return {
    store: stores.store,
    close: async () => {
      await stores.store.close();
      await stores.readModels.close();
    },
  };
};
