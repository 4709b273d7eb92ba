import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signHs256 } from '#records-api';
import type { BenchRequest } from './drive.js';
import { waitForProjections } from './drive.js';
import { benchCourse, openSeedStores, Seeder, type DefinedCourse } from './seed.js';
import { startStandalone } from './standalone-server.js';

/**
 * A log of enrolments (on COURSES courses) whose components are all submitted, and the mark
 * requests that mark them: each a valid, distinct POST /v1/enrolments/:id/marks by a tutor
 * assigned to the course. Marks of one enrolment are BLOCK requests apart, so no two in flight hit
 * the same stream. Sent again, each is refused with 409 (the component is marked) after all the
 * work a mark does before it writes: the floor.
 */
export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-00';
const COMPONENTS = 4;
const COURSES = 20;
const TUTORS_PER_COURSE = 10;
const BLOCK = 1_000;
// 65 is 5 from every boundary (50/60/70) and a pass: only the systematic 1-in-10 sample holds marks.
const MARK = 65;
const tutorOf = (course: number, tutor: number) => `tutor-${course}-${tutor}`;

/** Enrolments are seeded in whole blocks of BLOCK. */
export const inWholeBlocks = (enrolments: number): number => Math.ceil(enrolments / BLOCK) * BLOCK;

/** COURSES courses (tutors assigned) and a board covering them; every course has the same components. */
export const seedMarkCourses = async (
  seeder: Seeder,
  codePrefix: string,
): Promise<{ courses: DefinedCourse[]; componentIds: string[] }> => {
  const courses: DefinedCourse[] = [];
  for (let c = 0; c < COURSES; c++) {
    const tutorIds = Array.from({ length: TUTORS_PER_COURSE }, (_, t) => tutorOf(c, t));
    courses.push(await seeder.course({ ...benchCourse(`${codePrefix}${c}`, COMPONENTS), tutorIds }));
  }
  await seeder.boards(courses.map((c) => c.courseId));
  return { courses, componentIds: courses[0]!.components.map((c) => c.id) };
};

/** The course enrolment `i` is seeded on: what `markRequests` expects. */
export const courseOfEnrolment = (courses: readonly DefinedCourse[], i: number): DefinedCourse => courses[i % COURSES]!;

/** A first mark for every component of every enrolment (enrolment `i` is on course `i % COURSES`), by a tutor of its course. */
export const markRequests = (enrolments: readonly string[], componentIds: readonly string[]): BenchRequest[] => {
  const tokens = new Map<string, string>();
  const tokenOf = (tutor: string) =>
    tokens.get(tutor) ??
    tokens.set(tutor, signHs256({ sub: tutor, roles: ['tutor'] }, BENCH_SECRET, 3 * 3600)).get(tutor)!;
  const marks: BenchRequest[] = [];
  for (let block = 0; block < enrolments.length; block += BLOCK)
    for (const componentId of componentIds)
      for (let i = block; i < block + BLOCK; i++)
        marks.push({
          path: `/v1/enrolments/${enrolments[i]}/marks`,
          body: JSON.stringify({ componentId, mark: MARK }),
          token: tokenOf(tutorOf(i % COURSES, marks.length % TUTORS_PER_COURSE)),
        });
  return marks;
};

/**
 * The marks of each block of enrolments, by kind: those of the first components, then the final
 * marks (each completes its enrolment, and the board runner goes on to the outcome, the case and
 * the award).
 */
export const marksByBlock = (marks: readonly BenchRequest[]): { others: BenchRequest[]; finals: BenchRequest[] }[] => {
  const perBlock = BLOCK * COMPONENTS;
  const blocks: { others: BenchRequest[]; finals: BenchRequest[] }[] = [];
  for (let start = 0; start < marks.length; start += perBlock) {
    const block = marks.slice(start, start + perBlock);
    blocks.push({ others: block.slice(0, perBlock - BLOCK), finals: block.slice(perBlock - BLOCK) });
  }
  return blocks;
};

export interface MarkWorkload {
  /** A data folder with the seeded log and its read models caught up: copy it (`copyOf`) for each server. */
  template: string;
  marks: BenchRequest[];
  enrolments: number;
  seedSeconds: number;
}

/** Seeds at least `minimumEnrolments` (rounded up to whole blocks), then lets the standalone build the read models. */
export const seedMarkWorkload = async (minimumEnrolments: number): Promise<MarkWorkload> => {
  const started = performance.now();
  const template = mkdtempSync(join(tmpdir(), 'credence-bench-marks-'));
  const enrolmentCount = inWholeBlocks(minimumEnrolments);
  const stores = await openSeedStores(template, BENCH_SECRET);
  const seeder = new Seeder(stores.store);
  const { courses, componentIds } = await seedMarkCourses(seeder, 'HTTP');
  const enrolments: string[] = [];
  for (let i = 0; i < enrolmentCount; i++)
    enrolments.push(await seeder.enrolment(await seeder.learner(i), courseOfEnrolment(courses, i), componentIds));
  await stores.close();
  const server = await startStandalone({ dataDir: template, secret: BENCH_SECRET });
  await waitForProjections(server.base, 600_000);
  await server.stop();

  const marks = markRequests(enrolments, componentIds);
  return { template, marks, enrolments: enrolmentCount, seedSeconds: (performance.now() - started) / 1000 };
};

/** A fresh copy of the template's data folder, for one server run. */
export const copyOf = (template: string): string => {
  const copy = mkdtempSync(join(tmpdir(), 'credence-bench-run-'));
  cpSync(template, copy, { recursive: true });
  return copy;
};
