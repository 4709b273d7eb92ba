import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awardIdFor, boardRunnerProcess } from '#process-managers';
import { createApp, signHs256 } from '#records-api';
import { loadConfig } from '#runtime';
import { percentiles, type Percentiles } from './stats.js';

/**
 * Time from the final mark's HTTP response to the award being readable over HTTP, one case at a
 * time, for CASES clean cases on the embedded default (the standalone process). A tutor marks four
 * cases (8 marks, below the systematic moderation sample of every 10th mark per marker, which would
 * hold a case); a course has ten tutors, as a real course team might.
 */
const CASES = Number(process.env.CASES ?? 1000);
const CASES_PER_TUTOR = 4;
const TUTORS_PER_COURSE = 10;
const CASES_PER_COURSE = CASES_PER_TUTOR * TUTORS_PER_COURSE;
const SECRET = 'bench-secret-bench-secret-bench-secret-00';

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: SECRET, SWEEP_INTERVAL_MS: '0' });
  const app = await createApp(config, { logger: ['error'], processes: boardRunnerProcess, playsProjector: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const token = (role: string, sub = `${role}-1`) => signHs256({ sub, roles: [role] }, SECRET);
  const call = async (method: string, path: string, body?: unknown, as = token('registry')) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${as}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json()) as any;
    if (response.status >= 300 && method === 'POST')
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return { status: response.status, body: json };
  };

  const today = new Date().toISOString().slice(0, 10);
  const courseIds: string[] = [];
  for (let c = 0; c * CASES_PER_COURSE < CASES; c++) {
    const tutorIds = Array.from({ length: TUTORS_PER_COURSE }, (_, t) => `tutor-${c * TUTORS_PER_COURSE + t}`);
    const course = await call('POST', '/v1/courses', {
      code: `BENCH${c}`,
      title: `Benchmark Course ${c}`,
      awardingBody: 'Bench University',
      credits: 15,
      level: { framework: 'FHEQ', level: 7 },
      hecosCodes: ['100366'],
      cahCode: 'CAH11-01-01',
      modeOfLearning: 'online',
      aims: 'Measure.',
      learningOutcomes: ['Measure latency'],
      maxEngagementDays: 120,
      components: [
        { id: 'essay', title: 'Essay', weight: 60 },
        { id: 'exam', title: 'Exam', weight: 40 },
      ],
      tutorIds,
      // Defined approved: only an approved course takes enrolments.
      approval: { approvedBy: 'Bench Senate', externalAdviser: 'Bench Adviser', approvedOn: today },
    });
    courseIds.push(course.body.id);
  }
  await call('POST', '/v1/boards', {
    name: 'Bench board',
    courseIds,
    members: [
      { memberId: 'chair', name: 'Chair', role: 'chair' },
      { memberId: 'm', name: 'Member', role: 'internal' },
    ],
  });

  const setupStarted = performance.now();
  const enrolments: { id: string; tutor: string }[] = [];
  for (let i = 0; i < CASES; i++) {
    const learnerId = (
      await call('POST', '/v1/learners', { givenName: 'Bench', familyName: `L${i}`, email: `l${i}@bench.example` })
    ).body.id;
    const courseId = courseIds[Math.floor(i / CASES_PER_COURSE)]!;
    const id = (await call('POST', '/v1/enrolments', { learnerId, courseId, startDate: today })).body.id;
    for (const componentId of ['essay', 'exam'])
      await call('POST', `/v1/enrolments/${id}/submissions`, { componentId }, token('learner', learnerId));
    const tutor = token('tutor', `tutor-${Math.floor(i / CASES_PER_TUTOR)}`);
    await call('POST', `/v1/enrolments/${id}/marks`, { componentId: 'essay', mark: 64 }, tutor);
    enrolments.push({ id, tutor });
  }
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  const toAward: number[] = [];
  const markResponse: number[] = [];
  for (const { id, tutor } of enrolments) {
    const sent = performance.now();
    await call('POST', `/v1/enrolments/${id}/marks`, { componentId: 'exam', mark: 66 }, tutor);
    const responded = performance.now();
    const awardPath = `/v1/awards/${awardIdFor(id)}`;
    while ((await call('GET', awardPath)).status !== 200) await new Promise((resolve) => setImmediate(resolve));
    toAward.push(performance.now() - responded);
    markResponse.push(responded - sent);
  }

  const result: {
    cases: number;
    finalMarkResponseMs: Percentiles;
    responseToAwardReadableMs: Percentiles;
    setupSeconds: number;
    machine: string;
  } = {
    cases: CASES,
    finalMarkResponseMs: percentiles(markResponse),
    responseToAwardReadableMs: percentiles(toAward),
    setupSeconds: Math.round(setupSeconds * 10) / 10,
    machine: `${process.version}, embedded SQLite, one process`,
  };
  console.table({
    'final mark HTTP response': result.finalMarkResponseMs,
    'response -> award readable': result.responseToAwardReadableMs,
  });
  console.log(JSON.stringify(result));
  const results = join(process.cwd(), 'bench', 'results');
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, 'final-mark-to-award.json'), `${JSON.stringify(result, null, 2)}\n`);
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
};

await main();
