import {
  boardCaseDecider,
  boardDecider,
  courseDecider,
  enrolmentDecider,
  learnerDecider,
  streams,
  type Clock,
  type DefineCourse,
  type EnrolmentState,
  type IdentityVerification,
} from '#domain';
import { BoardRunner } from '#process-managers';
import { decideAndAppend, loadState, SqliteEventStore, type DeciderLike, type RecordedEvent } from '#event-store';
import { SqliteReadModelStore } from '#projections';

/**
 * A cohort of learners taken through the whole system as it really runs: registry, learners,
 * tutors, moderators and board members issue commands through the domain's deciders, and the real
 * board runner classifies marks, opens cases, confirms outcomes and issues awards. Learners are
 * taken one at a time on a simulated clock that only moves forward. Deterministic for a seed
 * (except event ids, correlation ids and recordedAt), so its shape can be fingerprinted.
 */

/** mulberry32: a small seeded PRNG, so the cohort (and its fingerprint) is the same every run. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const DAY = 86_400_000;

/** The ids every copy of the cohort shares: courses, the board and its members, staff. */
export const SHARED_IDS = {
  courses: [
    'c0000000-0000-4000-8000-000000000001',
    'c0000000-0000-4000-8000-000000000002',
    'c0000000-0000-4000-8000-000000000003',
    'c0000000-0000-4000-8000-000000000004',
  ],
  board: 'b0000000-0000-4000-8000-000000000001',
} as const;

const TUTORS = Array.from({ length: 12 }, (_, i) => `tutor-${i + 1}`);
const IDENTITY: IdentityVerification[] = ['single-sign-on', 'photo-id', 'online-proctoring', 'in-person'];

const courseCommands = (): DefineCourse[] =>
  SHARED_IDS.courses.map((courseId, i) => ({
    type: 'DefineCourse',
    data: {
      courseId,
      code: `MC${700 + i}`,
      title: ['Applied Data Ethics', 'Clinical Leadership', 'Sustainable Supply Chains', 'Cyber Risk Essentials'][i]!,
      awardingBody: 'University of Credence',
      credits: [15, 20, 10, 15][i]!,
      level: { framework: 'FHEQ', level: i === 2 ? 6 : 7 },
      hecosCodes: ['100366'],
      cahCode: 'CAH11-01-01',
      modeOfLearning: (['online', 'blended', 'online', 'work-based'] as const)[i]!,
      aims: 'Develop the knowledge and judgement to apply the subject responsibly in professional practice.',
      learningOutcomes: ['Analyse a complex case', 'Evaluate options against evidence', 'Communicate a recommendation'],
      maxEngagementDays: [120, 180, 90, 120][i]!,
      components: [
        [
          { id: 'essay', title: 'Essay', weight: 60 },
          { id: 'exam', title: 'Exam', weight: 40 },
        ],
        [
          { id: 'portfolio', title: 'Portfolio', weight: 50 },
          { id: 'report', title: 'Report', weight: 30 },
          { id: 'viva', title: 'Viva', weight: 20 },
        ],
        [{ id: 'project', title: 'Project', weight: 100 }],
        [
          { id: 'quiz', title: 'Quiz', weight: 30 },
          { id: 'case-study', title: 'Case study', weight: 70 },
        ],
      ][i]!,
      tutorIds: TUTORS.slice(i * 3, i * 3 + 3),
      // Approved when defined (as a validated course is): only a live course takes enrolments.
      approval: {
        approvedBy: 'Academic Standards Committee',
        externalAdviser: 'Dr External Adviser',
        approvedOn: '2025-01-02',
      },
    },
  }));

export interface Cohort {
  /** Every event in log order; the first `sharedEvents` are the courses and the board. */
  events: RecordedEvent[];
  sharedEvents: number;
}

export const generateCohort = async (learners: number, seed = 7): Promise<Cohort> => {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  let now = Date.parse('2025-01-06T09:00:00.000Z');
  const clock: Clock = { now: () => new Date(now) };
  const advance = (days: number) => (now += days * DAY + Math.floor(rand() * 8) * 3_600_000);
  const today = () => new Date(now).toISOString().slice(0, 10);

  const store = SqliteEventStore.open({ path: ':memory:' });
  const runnerState = new SqliteReadModelStore(':memory:');
  const runner = new BoardRunner(store, runnerState, clock);
  const opened = new Map<string, { caseId: string; concerns: string[] }>();
  let cursor = 0;

  /** Feeds the board runner everything new until it has nothing more to say, as the subscription would. */
  const pump = async () => {
    for (;;) {
      const batch: RecordedEvent[] = [];
      for await (const event of store.readAll(cursor)) batch.push(event);
      if (batch.length === 0) return;
      cursor = batch.at(-1)!.position;
      for (const event of batch) {
        if (event.type === 'CaseOpened') {
          const data = event.data as { enrolmentId: string; caseId: string; concerns: string[] };
          opened.set(data.enrolmentId, data);
        }
      }
      await runner.handle(batch.filter((e) => runner.filter.eventTypes.includes(e.type)));
    }
  };

  const run = async <C, E extends { type: string; data: unknown }, S>(
    decider: DeciderLike<C, E, S>,
    streamId: string,
    command: C,
    actor: string,
    role: string,
  ) => {
    const result = await decideAndAppend(store, clock, decider, streamId, command, () => ({
      actor,
      role,
      correlationId: uuid(),
      causationId: null,
      occurredAt: clock.now().toISOString(),
    }));
    await pump();
    return result;
  };

  for (const command of courseCommands())
    await run(courseDecider, streams.course(command.data.courseId), command, 'registry-1', 'registry');
  const members = [
    { memberId: 'chair-1', name: 'Prof. Ada Chair', role: 'chair' as const },
    { memberId: 'member-1', name: 'Dr. Ben Internal', role: 'internal' as const },
    { memberId: 'examiner-1', name: 'Dr. Cy External', role: 'external' as const },
  ];
  await run(
    boardDecider,
    streams.board(SHARED_IDS.board),
    {
      type: 'ConstituteBoard',
      data: {
        boardId: SHARED_IDS.board,
        name: 'Postgraduate micro-credentials board',
        courseIds: [...SHARED_IDS.courses],
        members,
      },
    },
    'registry-1',
    'registry',
  );
  const sharedEvents = cursor;

  const enrolment = async (enrolmentId: string) =>
    (await loadState(store, enrolmentDecider, streams.enrolment(enrolmentId))).state as Extract<
      EnrolmentState,
      { enrolmentId: string }
    >;
  const onEnrolment = (
    enrolmentId: string,
    command: Parameters<typeof enrolmentDecider.decide>[0],
    actor: string,
    role: string,
  ) => run(enrolmentDecider, streams.enrolment(enrolmentId), command, actor, role);

  /** Submits, marks and (when sampled) moderates one attempt of one component. */
  const assess = async (enrolmentId: string, componentId: string, mark: number, tutor: string) => {
    advance(3 + Math.floor(rand() * 18));
    const identityVerification = pick(IDENTITY);
    await onEnrolment(
      enrolmentId,
      { type: 'SubmitWork', data: { componentId, identityVerification } },
      'learner',
      'learner',
    );
    advance(2 + Math.floor(rand() * 6));
    await onEnrolment(
      enrolmentId,
      { type: 'RecordMark', data: { componentId, mark, markerId: tutor } },
      tutor,
      'tutor',
    );
    const attempt = (await enrolment(enrolmentId)).attempts[componentId]!.at(-1)!;
    if (attempt.classification === 'sampled') {
      advance(3);
      const adjust = rand() < 0.2;
      await onEnrolment(
        enrolmentId,
        {
          type: 'ModerateMark',
          data: adjust
            ? {
                componentId,
                moderatorId: 'examiner-1',
                decision: 'adjusted',
                mark: Math.min(100, mark + 2),
                reason: 'Marking slightly severe against the rubric.',
              }
            : {
                componentId,
                moderatorId: 'examiner-1',
                decision: 'agreed',
                reason: 'Mark consistent with the rubric.',
              },
          board: { boardId: SHARED_IDS.board, name: 'Postgraduate micro-credentials board', members },
          moderatorRole: 'examiner',
        },
        'examiner-1',
        'examiner',
      );
    }
  };

  for (let l = 0; l < learners; l++) {
    const learnerId = uuid();
    await run(
      learnerDecider,
      streams.learner(learnerId),
      {
        type: 'RegisterLearner',
        data: {
          learnerId,
          givenName: pick(['Amara', 'Ben', 'Chen', 'Dana', 'Eli', 'Farah']),
          familyName: `Learner${l}`,
          email: `learner${l}@example.org`,
        },
      },
      'registry-1',
      'registry',
    );
    const learner = (await loadState(store, learnerDecider, streams.learner(learnerId))).state;
    for (let n = rand() < 0.4 ? 2 : 1; n > 0; n--) {
      const courseIndex = Math.floor(rand() * SHARED_IDS.courses.length);
      const courseId = SHARED_IDS.courses[courseIndex]!;
      const course = (await loadState(store, courseDecider, streams.course(courseId))).state;
      const enrolmentId = uuid();
      await onEnrolment(
        enrolmentId,
        {
          type: 'StartEnrolment',
          data: { enrolmentId, startDate: today(), learnerId, courseId },
          learner,
          course,
          // Seeding writes through the decider alone: the board that covers it is taken as read.
          coveringBoardId: 'bench-board',
        },
        'registry-1',
        'registry',
      );
      const e = await enrolment(enrolmentId);
      const components = e.scheme.components;
      const tutor = TUTORS[courseIndex * 3 + Math.floor(rand() * 3)]!;
      const scenario = rand();

      if (scenario < 0.07) {
        // Deemed withdrawn: one piece of work, then silence until the sweep closes it after the deadline.
        await assess(enrolmentId, components[0]!.id, 45 + Math.floor(rand() * 40), tutor);
        if (components.length > 1) {
          now = Date.parse(`${(await enrolment(enrolmentId)).deadline}T00:00:00.000Z`) + 2 * DAY;
          await onEnrolment(enrolmentId, { type: 'CloseLapsedEnrolment', data: {} }, 'system:sweep', 'system');
        }
        continue;
      }
      if (scenario < 0.17) {
        advance(10);
        await onEnrolment(
          enrolmentId,
          { type: 'SuspendEnrolment', data: { from: today(), reason: 'Illness' } },
          'registry-1',
          'registry',
        );
        advance(14);
        await onEnrolment(enrolmentId, { type: 'ResumeEnrolment', data: { on: today() } }, 'registry-1', 'registry');
      } else if (scenario < 0.22) {
        await onEnrolment(
          enrolmentId,
          { type: 'GrantExtension', data: { days: 14, reason: 'Caring responsibilities' } },
          'registry-1',
          'registry',
        );
      } else if (scenario < 0.27) {
        await onEnrolment(
          enrolmentId,
          { type: 'ClaimMitigatingCircumstances', data: { reason: 'Bereavement during the assessment period' } },
          'learner',
          'learner',
        );
      }
      const referral = scenario >= 0.27 && scenario < 0.35 && components.length > 1;
      for (const [i, component] of components.entries()) {
        const mark = referral && i === 0 ? 25 + Math.floor(rand() * 10) : 38 + Math.floor(rand() * 48);
        await assess(enrolmentId, component.id, mark, tutor);
      }
      if (referral) await assess(enrolmentId, components[0]!.id, 55 + Math.floor(rand() * 20), tutor);

      const pending = opened.get(enrolmentId);
      if (pending && pending.concerns.length > 0) {
        advance(7);
        const board = (await loadState(store, boardDecider, streams.board(SHARED_IDS.board))).state;
        for (const memberId of ['chair-1', 'member-1']) {
          await run(
            boardCaseDecider(board),
            streams.boardCase(SHARED_IDS.board, pending.caseId),
            {
              type: 'VoteOnCase',
              data: {
                caseId: pending.caseId,
                memberId,
                decision: 'confirm',
                rationale: 'Evidence reviewed; outcome stands.',
              },
            },
            memberId,
            'board',
          );
        }
      }
      advance(1);
    }
  }

  const events: RecordedEvent[] = [];
  for await (const event of store.readAll(0)) events.push(event);
  await store.close();
  await runnerState.close();
  return { events, sharedEvents };
};
