import { signHs256 } from '#records-api';
import type { BenchRequest } from '../support/drive.js';
import { benchCourse, Seeder, type DefinedCourse } from '../support/seed.js';
import { BENCH_SECRET, type BenchSchema } from './bench-schema.js';

const COMPONENTS = 4;
const COURSES = 20;
const TUTORS_PER_COURSE = 10;
/** Marks of one enrolment are BLOCK requests apart, so no two in flight write the same stream. */
const BLOCK = 1_000;
const MARK = 65;
const IN_FLIGHT = 32;
const tutorOf = (course: number, tutor: number) => `tutor-${course}-${tutor}`;

/**
 * Enrolments (rounded up to whole blocks) on COURSES courses with every component submitted and
 * unmarked, and a supply of mark requests, each a genuine first mark by a tutor of the course: the
 * same requests as bench/support/mark-workload.ts, on a PostgreSQL schema.
 */
export const seedMarkSupply = async (
  schema: BenchSchema,
  minimumEnrolments: number,
): Promise<{ enrolments: number; next: () => BenchRequest }> => {
  const count = Math.ceil(minimumEnrolments / BLOCK) * BLOCK;
  const seeder = new Seeder(schema.stores.store);
  const courses: DefinedCourse[] = [];
  for (let c = 0; c < COURSES; c++) {
    const tutorIds = Array.from({ length: TUTORS_PER_COURSE }, (_, t) => tutorOf(c, t));
    courses.push(await seeder.course({ ...benchCourse(`SCALE${c}`, COMPONENTS), tutorIds }));
  }
  await seeder.board(courses.map((c) => c.courseId));
  const componentIds = courses[0]!.components.map((c) => c.id);
  const enrolments: string[] = [];
  const seedOne = async (i: number) =>
    (enrolments[i] = await seeder.enrolment(await seeder.learner(i), courses[i % COURSES]!, componentIds));
  for (let first = 0; first < count; first += IN_FLIGHT)
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count - first) }, (_, k) => seedOne(first + k)));

  const tokens = new Map<string, string>();
  const tokenOf = (tutor: string) =>
    tokens.get(tutor) ??
    tokens.set(tutor, signHs256({ sub: tutor, roles: ['tutor'] }, BENCH_SECRET, 3 * 3600)).get(tutor)!;
  const marks: BenchRequest[] = [];
  for (let block = 0; block < count; block += BLOCK)
    for (const componentId of componentIds)
      for (let i = block; i < block + BLOCK; i++)
        marks.push({
          path: `/v1/enrolments/${enrolments[i]}/marks`,
          body: JSON.stringify({ componentId, mark: MARK }),
          token: tokenOf(tutorOf(i % COURSES, marks.length % TUTORS_PER_COURSE)),
        });
  let cursor = 0;
  // Past the end the supply starts again: those repeats are refused (409) and counted apart.
  return { enrolments: count, next: () => marks[cursor++ % marks.length]! };
};
