import { setTimeout as sleep } from 'node:timers/promises';
import { CHAIR, EXTERNAL, INTERNAL, learnerBody, TUTOR } from '../support/fixtures.js';
import { token, type Answer, type ClusterClient } from './cluster-client.js';

const REGISTRY = token('registry', 'registry-cluster');
const MARKER = token('tutor', TUTOR);
const MODERATOR = token('examiner', EXTERNAL);
/** Two votes to confirm a queued case: the chair and a member (the quorum). */
const VOTERS = [INTERNAL, CHAIR].map((member) => token('board', member));
/** Marks, and their weighted means, away from every boundary (pass 50 at FHEQ 7, Merit 60, Distinction 70; margin 3): released unless sampled systematically. */
const MARKS: Record<string, number>[] = [
  { essay: 64, exam: 66 },
  { essay: 76, exam: 78 },
  { essay: 55, exam: 54 },
];
const SETTLE_MS = 60_000;

export interface Journey {
  learnerId: string;
  enrolmentId: string;
  /** Whether the learner claimed mitigating circumstances, which queues the case for the board's votes. */
  mitigated: boolean;
  moderated: number;
  votes: number;
}

const created = (what: string, answer: Answer): any => {
  if (answer.status !== 201) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
};

/**
 * One learner from registration to a confirmed pass, through whichever API processes answer: enrolled,
 * both components submitted and marked; a sampled mark is moderated (agreed); a case queued for the
 * board (mitigating circumstances) gets the quorum's votes; a clean one is confirmed under delegated authority.
 */
export const learnerJourney = async (client: ClusterClient, courseId: string, index: number): Promise<Journey> => {
  const mitigated = index % 3 === 1;
  const learner = created(
    'register',
    await client.post('/v1/learners', REGISTRY, learnerBody({ email: `cluster-${index}-${Date.now()}@example.org` })),
  );
  const enrolment = created(
    'enrol',
    await client.post('/v1/enrolments', REGISTRY, { learnerId: learner.id, courseId, startDate: '2026-11-23' }),
  );
  const journey: Journey = { learnerId: learner.id, enrolmentId: enrolment.id, mitigated, moderated: 0, votes: 0 };
  const path = `/v1/enrolments/${enrolment.id}`;
  const asLearner = token('learner', learner.id);
  if (mitigated)
    created(
      'claim mitigating circumstances',
      await client.post(`${path}/mitigating-circumstances`, asLearner, { reason: 'Hospitalised in exam week' }),
    );
  for (const [componentId, mark] of Object.entries(MARKS[index % MARKS.length]!)) {
    created(`submit ${componentId}`, await client.post(`${path}/submissions`, asLearner, { componentId }));
    created(`mark ${componentId}`, await client.post(`${path}/marks`, MARKER, { componentId, mark }));
  }
  await untilConfirmed(client, journey);
  return journey;
};

/** Acts on what the enrolment waits for (a moderation, the board's votes) until its outcome is confirmed. */
const untilConfirmed = async (client: ClusterClient, journey: Journey): Promise<void> => {
  const path = `/v1/enrolments/${journey.enrolmentId}`;
  const moderatedAttempts = new Set<string>();
  const votedCases = new Set<string>();
  for (const deadline = Date.now() + SETTLE_MS; ; await sleep(250)) {
    if (Date.now() > deadline) throw new Error(`enrolment ${journey.enrolmentId} not confirmed in ${SETTLE_MS} ms`);
    const enrolment = await client.get(path, REGISTRY);
    if (enrolment.status !== 200) continue; // not projected yet (a projector may be taking over)
    if (enrolment.body.status === 'confirmed') return;
    for (const component of enrolment.body.components) {
      const attempt = component.attempts.at(-1);
      const key = `${component.id}/${component.attempts.length}`;
      if (attempt?.classification !== 'sampled' || moderatedAttempts.has(key)) continue;
      const moderation = await client.post(`${path}/moderations`, MODERATOR, {
        componentId: component.id,
        decision: 'agreed',
        reason: 'Second marker agrees',
      });
      created(`moderate ${key}`, moderation);
      moderatedAttempts.add(key);
      journey.moderated++;
    }
    if (enrolment.body.status !== 'assessed') continue;
    const pending = await client.get(`/v1/boards/cases?status=pending&courseId=${enrolment.body.courseId}`, VOTERS[1]!);
    const queued = (pending.body as { id: string; enrolmentId: string }[]).find(
      (c) => c.enrolmentId === journey.enrolmentId,
    );
    if (!queued || votedCases.has(queued.id)) continue;
    for (const voter of VOTERS) {
      const vote = await client.post(`/v1/boards/cases/${queued.id}/decisions`, voter, {
        decision: 'confirm',
        rationale: 'Marks unaffected by the circumstances claimed',
      });
      created(`vote on case ${queued.id}`, vote);
      journey.votes++;
    }
    votedCases.add(queued.id);
  }
};
