import { randomUUID } from 'node:crypto';
import { awardIdFor, BoardRunner, caseIdFor } from '#process-managers';
import { appealedDecisionOf, appealIdFor } from '#records-api';
import {
  appealDecider,
  type AppealCommand,
  type AppealRemedy,
  type BoardMember,
  type ModeratingBoard,
  boardCaseDecider,
  boardDecider,
  courseDecider,
  DomainError,
  enrolmentDecider,
  fixedClock,
  learnerDecider,
  streams,
  type Attempt,
  type Clock,
  type Board,
  type BoardCase,
  type EnrolmentCommand,
  type SamplingPolicy,
} from '#domain';
import { decideAndAppend, loadState, type DeciderLike, type EventStore, type RecordedEvent } from '#event-store';
import type { ReadModelStore } from '#projections';

export const clock = fixedClock('2026-11-23T09:00:00Z');
/** Past every enrolment's deadline (started 2026-11-01, 120 days of engagement): the deadline sweep's clock. */
const afterDeadlines = fixedClock('2027-04-01T02:00:00Z');
/** Small enough that systematic samples happen within a short run. */
export const SAMPLING: SamplingPolicy = { everyNth: 3, boundaryMargin: 3 };
export const COMPONENTS = ['essay', 'exam'] as const;
export const MARKERS = ['tutor-a', 'tutor-b'] as const;
export const CHAIR = 'chair';
export const MEMBER = 'member';
export const MODERATOR = 'examiner';
/** The registry's appeal reviewer: no member of any board. */
const REVIEWER = 'appeal-reviewer';
const BOARD_MEMBERS: BoardMember[] = [
  { memberId: CHAIR, name: 'Chair', role: 'chair' },
  { memberId: MEMBER, name: 'Member', role: 'internal' },
  { memberId: MODERATOR, name: 'External examiner', role: 'external' },
];

const metadata = (actor: string, at: Clock) => () => ({
  actor,
  role: 'test',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: at.now().toISOString(),
});

export const run = <C, E extends { type: string; data: unknown }, S>(
  store: EventStore,
  decider: DeciderLike<C, E, S>,
  streamId: string,
  command: C,
  actor = 'test',
  at: Clock = clock,
) => decideAndAppend(store, at, decider, streamId, command, metadata(actor, at));

/** A store that "kills" whoever appends through it after its `afterAppends`-th append succeeded. */
export const dyingAfter = (inner: EventStore, afterAppends: number): EventStore => {
  let appends = 0;
  return new Proxy(inner, {
    get: (target, property) => {
      if (property !== 'append') return Reflect.get(target, property).bind(target);
      return async (...args: Parameters<EventStore['append']>) => {
        const result = await target.append(...args);
        if (++appends === afterAppends) throw new Error(`killed after append ${afterAppends}`);
        return result;
      };
    },
  });
};

/**
 * One run's courses, boards and learners (fresh ids, so runs can share a store). Enrolment i is on
 * course i, whose board confirms clean cases under delegated authority only for the first course:
 * the others' every case waits for a quorum.
 */
export class World {
  readonly enrolmentIds: string[];
  private readonly learnerIds: string[];
  private readonly courseIds: string[];
  private readonly boardIds: string[];

  /** The board covering enrolment `e`'s course, as the moderation handler would load it. */
  moderatingBoard(e: number): ModeratingBoard {
    return { boardId: this.boardIds[e]!, name: `Board ${e}`, members: BOARD_MEMBERS };
  }
  runner: BoardRunner;
  /** The same runner, taking a chain a batch at a time. */
  private readonly stepwise: BoardRunner;

  constructor(
    readonly store: EventStore,
    readonly readModels: ReadModelStore,
    enrolments: number,
  ) {
    const ids = () => Array.from({ length: enrolments }, () => randomUUID());
    this.learnerIds = ids();
    this.enrolmentIds = ids();
    this.courseIds = ids();
    this.boardIds = ids();
    this.runner = this.freshRunner(store);
    this.stepwise = this.freshRunner(store, 0);
  }

  freshRunner(store: EventStore, followedBatches?: number): BoardRunner {
    return new BoardRunner(store, this.readModels, clock, {
      sampling: SAMPLING,
      ...(followedBatches === undefined ? {} : { followedBatches }),
    });
  }

  async seed(): Promise<void> {
    const { store } = this;
    for (const [i, enrolmentId] of this.enrolmentIds.entries()) {
      const [learnerId, courseId, boardId] = [this.learnerIds[i]!, this.courseIds[i]!, this.boardIds[i]!];
      await run(store, courseDecider, streams.course(courseId), {
        type: 'DefineCourse',
        data: {
          courseId,
          code: `PBT${courseId.slice(0, 6)}`,
          title: 'Data Ethics in Practice',
          awardingBody: 'University of Northshire',
          credits: 15,
          level: { framework: 'FHEQ', level: 7 },
          hecosCodes: ['100366'],
          cahCode: 'CAH11-01-01',
          modeOfLearning: 'online',
          aims: 'Equip practitioners to resolve ethical questions in data-driven work.',
          learningOutcomes: ['Critically evaluate the ethics of a data project'],
          components: [
            { id: 'essay', title: 'Essay', weight: 60 },
            { id: 'exam', title: 'Exam', weight: 40 },
          ],
          maxEngagementDays: 120,
          approval: { approvedBy: 'Quality office', externalAdviser: 'External adviser', approvedOn: '2026-10-01' },
        },
      });
      await run(store, boardDecider, streams.board(boardId), {
        type: 'ConstituteBoard',
        data: {
          boardId,
          name: `Board ${i}`,
          courseIds: [courseId],
          members: BOARD_MEMBERS,
          delegatedAuthority: i === 0,
        },
      });
      await run(store, learnerDecider, streams.learner(learnerId), {
        type: 'RegisterLearner',
        data: { learnerId, givenName: 'L', familyName: `${i}`, email: `l${i}@example.org` },
      });
      await run(store, enrolmentDecider, streams.enrolment(enrolmentId), {
        type: 'StartEnrolment',
        data: { enrolmentId, learnerId, courseId, startDate: '2026-11-01' },
        learner: (await loadState(store, learnerDecider, streams.learner(learnerId))).state,
        course: (await loadState(store, courseDecider, streams.course(courseId))).state,
        coveringBoardId: boardId,
      });
      for (const componentId of COMPONENTS) await this.enrolment(i, { type: 'SubmitWork', data: { componentId } });
    }
  }

  /** A user's command: the domain may refuse it (the user would get a 4xx); anything else is a failure. */
  async enrolment(index: number, command: EnrolmentCommand, actor = 'test', at: Clock = clock): Promise<void> {
    const streamId = streams.enrolment(this.enrolmentId(index));
    await refusedOrDone(run(this.store, enrolmentDecider, streamId, command, actor, at));
  }

  /**
   * The learner appeals the board's confirmed decision, and the registry's reviewer (no member of
   * the board) decides it at once: not upheld, or upheld with a remedy.
   */
  async appeal(index: number, remedy: AppealRemedy | null, componentId: string): Promise<void> {
    const enrolmentId = this.enrolmentId(index);
    const { state } = await loadState(this.store, enrolmentDecider, streams.enrolment(enrolmentId));
    const decision = appealedDecisionOf(state);
    if (state.status === 'none' || decision === null) return; // nothing to appeal: the API refuses it
    const appealId = appealIdFor(enrolmentId, decision.caseId);
    const rationale = 'The reviewer found for the learner';
    const commands: AppealCommand[] = [
      {
        type: 'LodgeAppeal',
        data: { appealId, grounds: ['procedural-irregularity'], statement: 'The board did not see my evidence' },
        lodgedBy: state.learnerId,
        decision,
        windowDays: 28,
      },
      { type: 'AcknowledgeAppeal', data: { acknowledgedBy: 'registry' } },
      {
        type: 'StartAppealReview',
        data: { reviewerId: REVIEWER },
        boardMemberIds: BOARD_MEMBERS.map((m) => m.memberId),
      },
      {
        type: 'DecideAppeal',
        data:
          remedy === null
            ? { upheld: false, rationale }
            : { upheld: true, remedy, ...(remedy === 're-moderate' ? { componentId } : {}), rationale },
        decidedBy: REVIEWER,
      },
    ];
    for (const command of commands)
      await refusedOrDone(run(this.store, appealDecider, streams.appeal(appealId), command));
  }

  /** The deadline sweep closing the enrolment: the domain refuses while nothing may lapse. */
  async lapse(index: number): Promise<void> {
    await this.enrolment(index, { type: 'CloseLapsedEnrolment', data: {} }, 'system:deadline-sweep', afterDeadlines);
  }

  async vote(index: number, newest: number, memberId: string, decision: 'confirm' | 'amend' | 'defer', mark?: number) {
    const enrolmentId = this.enrolmentId(index);
    const cases = await this.caseIds(enrolmentId);
    if (cases.length === 0) return;
    const caseId = cases[Math.max(0, cases.length - 1 - (newest % cases.length))]!;
    const boardId = this.boardOf(enrolmentId);
    await refusedOrDone(
      run(this.store, boardCaseDecider(await this.board(boardId)), streams.boardCase(boardId, caseId), {
        type: 'VoteOnCase',
        data: {
          caseId,
          memberId,
          decision,
          rationale: `${decision} as shown`,
          ...(mark === undefined ? {} : { mark }),
        },
      }),
    );
  }

  /**
   * The component `preferred` if its latest attempt is in `wanted`, else the first that is: the
   * generated step does what a user on that page could do, more often than a blind pick would.
   */
  async componentWhere(
    index: number,
    preferred: (typeof COMPONENTS)[number],
    wanted: (attempt: Attempt | undefined) => boolean,
  ): Promise<string> {
    const { state } = await loadState(this.store, enrolmentDecider, streams.enrolment(this.enrolmentId(index)));
    if (state.status === 'none') return preferred;
    const fits = (id: string) => wanted(state.attempts[id]?.at(-1));
    return fits(preferred) ? preferred : (COMPONENTS.find(fits) ?? preferred);
  }

  enrolmentId(index: number): string {
    return this.enrolmentIds[index % this.enrolmentIds.length]!;
  }

  boardOf(enrolmentId: string): string {
    return this.boardIds[this.enrolmentIds.indexOf(enrolmentId)]!;
  }

  async board(boardId: string): Promise<Board> {
    const { state } = await loadState(this.store, boardDecider, streams.board(boardId));
    if (state.status === 'none') throw new Error('the board was not constituted');
    return state;
  }

  /** The enrolment's cases in the order the runner numbered them. */
  async caseIds(enrolmentId: string): Promise<string[]> {
    const ids: string[] = [];
    for (let n = 1; ; n++) {
      const caseId = caseIdFor(enrolmentId, n);
      if ((await this.store.read(streams.boardCase(this.boardOf(enrolmentId), caseId))).length === 0) return ids;
      ids.push(caseId);
    }
  }

  async cases(enrolmentId: string): Promise<BoardCase[]> {
    const boardId = this.boardOf(enrolmentId);
    const board = await this.board(boardId);
    const cases: BoardCase[] = [];
    for (const caseId of await this.caseIds(enrolmentId)) {
      const { state } = await loadState(this.store, boardCaseDecider(board), streams.boardCase(boardId, caseId));
      const found = state.status === 'none' ? undefined : state.cases[caseId];
      if (found) cases.push(found);
    }
    return cases;
  }

  /** The events of every award the enrolment has had: the first, and each reissued after an appeal. */
  async award(enrolmentId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for (let n = 1; ; n++) {
      const issued = await this.store.read(streams.award(awardIdFor(enrolmentId, n)));
      if (issued.length === 0) return events;
      events.push(...issued);
    }
  }

  /**
   * Hands the runner up to `limit` events after its checkpoint, as the subscription would; how many
   * it got. Unless `follows`, the runner takes the chain they start a batch at a time (as it does when
   * a followed batch fails), so users' commands can land between its steps.
   */
  async step(limit: number, follows = true): Promise<number> {
    const runner = follows ? this.runner : this.stepwise;
    const batch: RecordedEvent[] = [];
    for await (const event of this.store.readAll(await runner.position(), runner.filter)) {
      batch.push(event);
      if (batch.length >= limit) break;
    }
    if (batch.length > 0) await runner.handle(batch);
    return batch.length;
  }

  /** A runner that dies after its `afterAppends`-th append, then a fresh one from the committed checkpoint. */
  async crash(afterAppends: number): Promise<void> {
    this.runner = this.freshRunner(dyingAfter(this.store, afterAppends));
    try {
      await this.step(50);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('killed after append')) throw error;
    }
    this.restart();
  }

  restart(): void {
    this.runner = this.freshRunner(this.store);
  }

  /** Runs the runner until nothing new reaches it; a runner that never settles is a failure. */
  async drain(): Promise<void> {
    for (let steps = 0; steps < 200; steps++) if ((await this.step(100)) === 0) return;
    throw new Error('the runner did not settle after 200 steps');
  }
}

const refusedOrDone = async (command: Promise<unknown>): Promise<void> => {
  try {
    await command;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
};
