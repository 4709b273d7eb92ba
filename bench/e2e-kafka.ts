import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { signHs256 } from '#records-api';
import { percentiles } from './stats.js';
import { benchCourse, openSeedStores, Seeder, type DefinedCourse } from './support/seed.js';
import { machine, writeResult } from './support/results.js';
import { pinBenchProcess, startStandalone } from './support/standalone-server.js';

/**
 * End to end: the final mark's HTTP response -> the award's CloudEvent received from Kafka by a
 * consumer group. The standalone system runs with KAFKA_BROKERS set, so its relay publishes to a
 * fresh topic; final marks are sent open-loop at RATE per second for SECONDS (each is scheduled
 * by the clock, not after the previous response). Every case is clean (no sampling, no
 * concerns), so delegated authority confirms it and an award is issued for each.
 *
 * Seeded through the store port: learners, enrolments on two-component courses (TUTORS_PER_COURSE
 * assigned tutors each) with both components submitted and the first marked; the server's board runner classifies those marks as
 * it starts. Each tutor marks at most 4 enrolments (8 marks), so the every-10th sample never
 * holds a case. Needs a broker: KAFKA_BROKERS (default 127.0.0.1:9092), e.g. via
 * `bash deploy/kafka/kafka.sh start` or scripts/with-services.sh.
 */
const RATE = Number(process.env.RATE ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 60);
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const TUTORS_PER_COURSE = 20;
const ENROLMENTS_PER_TUTOR = 4;
const MARK = 66; // a Merit, 4 from the Distinction boundary: a clean case
const SECRET = 'bench-secret-bench-secret-bench-secret-00';
const AWARD_ISSUED = 'credence.award.issued.v1';

interface Case {
  learnerId: string;
  enrolmentId: string;
  tutor: string;
}

const main = async () => {
  const pinned = pinBenchProcess();
  const cases = RATE * SECONDS;
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-bench-e2e-'));
  const topic = `credence.bench.e2e.${Date.now()}`;

  const seedStarted = performance.now();
  const stores = await openSeedStores(dataDir, SECRET);
  const seeder = new Seeder(stores.store);
  const courseCount = Math.ceil(cases / ENROLMENTS_PER_TUTOR / TUTORS_PER_COURSE);
  const courses: { course: DefinedCourse; tutors: string[] }[] = [];
  for (let c = 0; c < courseCount; c++) {
    const tutors = Array.from({ length: TUTORS_PER_COURSE }, (_, t) => `tutor-${c}-${t}`);
    courses.push({ course: await seeder.course({ ...benchCourse(`E2E${c}`, 2), tutorIds: tutors }), tutors });
  }
  await seeder.boards(courses.map((c) => c.course.courseId));
  const all: Case[] = [];
  for (let i = 0; i < cases; i++) {
    const { course, tutors } = courses[i % courseCount]!;
    const tutor = tutors[Math.floor(i / courseCount) % TUTORS_PER_COURSE]!;
    const learner = await seeder.learner(i);
    const enrolmentId = await seeder.enrolment(
      learner,
      course,
      ['c1', 'c2'],
      [{ componentId: 'c1', mark: MARK, markerId: tutor }],
    );
    all.push({ learnerId: learner.learnerId, enrolmentId, tutor });
  }
  await stores.close();
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const kafka = new kafkajs.Kafka({ clientId: 'credence-bench', brokers: BROKERS, logLevel: kafkajs.logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();

  const received = new Map<string, number>();
  let enrolmentsPublished = 0;
  const consumer = kafka.consumer({ groupId: `${topic}.consumer`, maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const at = performance.now();
      const type = message.headers?.ce_type?.toString();
      if (type === 'credence.enrolment.started.v1') enrolmentsPublished++;
      const subject = message.headers?.ce_subject?.toString();
      if (type === AWARD_ISSUED && subject && !received.has(subject)) received.set(subject, at);
    },
  });

  const server = await startStandalone({
    dataDir,
    secret: SECRET,
    env: { KAFKA_BROKERS: BROKERS.join(','), KAFKA_TOPIC: topic },
    cpuProfileDir: process.env.CPU_PROF_DIR,
  });
  const port = Number(new URL(server.base).port);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const post = (path: string, body: unknown, token: string) =>
    new Promise<number>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  // Ready: the seeded marks classified (in log order, so the last one last) and the relay's
  // backlog (one enrolment.started per case) consumed.
  const registry = signHs256({ sub: 'registry-bench', roles: ['registry'] }, SECRET);
  const last = all.at(-1)!;
  await until(
    async () => {
      const res = await fetch(`${server.base}/v1/enrolments/${last.enrolmentId}`, {
        headers: { authorization: `Bearer ${registry}` },
      });
      const view = (await res.json()) as { components?: { id: string; attempts: { classification: string }[] }[] };
      return (
        view.components?.find((c) => c.id === 'c1')?.attempts[0]?.classification === 'released' &&
        enrolmentsPublished >= cases
      );
    },
    20 * 60_000,
    'the seeded marks to be classified and the relay backlog consumed',
  );

  const tokens = new Map<string, string>();
  const tokenOf = (tutor: string) =>
    tokens.get(tutor) ?? tokens.set(tutor, signHs256({ sub: tutor, roles: ['tutor'] }, SECRET, 3600)).get(tutor)!;
  const responded = new Map<string, number>();
  const responseMs: number[] = [];
  const failures: number[] = [];
  const started = performance.now();
  let lastSentAt = started;
  await new Promise<void>((resolve) => {
    let sent = 0;
    let done = 0;
    const tick = () => {
      const due = Math.min(cases, Math.floor(((performance.now() - started) * RATE) / 1000) + 1);
      for (; sent < due; sent++) {
        const c = all[sent]!;
        const sentAt = performance.now();
        post(`/v1/enrolments/${c.enrolmentId}/marks`, { componentId: 'c2', mark: MARK }, tokenOf(c.tutor))
          .then((status) => {
            const at = performance.now();
            if (status === 201) responded.set(c.learnerId, at);
            else failures.push(status);
            responseMs.push(at - sentAt);
          })
          .catch(() => failures.push(0))
          .finally(() => {
            if (++done === cases) resolve();
          });
      }
      if (sent < cases) setTimeout(tick, 1);
      else lastSentAt = performance.now();
    };
    tick();
  });
  // The achieved sending rate: below RATE only if this process could not keep to the schedule.
  const sendSeconds = Math.max((lastSentAt - started) / 1000, (cases - 1) / RATE);
  await until(async () => received.size >= responded.size, 60_000, 'every award').catch((error: Error) =>
    console.error(error.message),
  );

  const latency: number[] = [];
  for (const [learnerId, at] of responded) {
    const award = received.get(learnerId);
    if (award !== undefined) latency.push(award - at);
  }
  await consumer.disconnect();
  agent.destroy();
  await server.stop();
  if (process.env.KEEP_DATA) console.log(`data kept in ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });

  const result = {
    benchmark:
      'final mark HTTP response -> award.issued CloudEvent consumed from Kafka (consumer group), standalone on embedded SQLite',
    goal: 'p99 <= 100 ms at 200 marks/s for 60 s',
    rate: RATE,
    seconds: SECONDS,
    achievedRate: Math.round(cases / sendSeconds),
    finalMarks: cases,
    non201: failures.length,
    awardsExpected: responded.size,
    awardsReceived: latency.length,
    responseToAwardConsumedMs: percentiles(latency),
    finalMarkResponseMs: percentiles(responseMs),
    seedSeconds: Math.round(seedSeconds),
    kafka: { brokers: BROKERS, topic, partitions: 3 },
    pinning: pinned,
    machine: machine(),
  };
  console.table({
    'final mark HTTP response': result.finalMarkResponseMs,
    'response -> award consumed': result.responseToAwardConsumedMs,
  });
  console.log(
    `${result.awardsReceived} of ${result.awardsExpected} awards received; ${result.non201} marks refused; sent at ${result.achievedRate}/s`,
  );
  console.log(`written to ${writeResult('e2e-kafka', result)}`);
  if (result.non201 > 0 || result.awardsReceived < result.awardsExpected) process.exitCode = 1;
};

const until = async (condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

await main();
