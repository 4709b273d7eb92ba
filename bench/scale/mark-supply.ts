import type { BenchRequest } from '../support/drive.js';
import { courseOfEnrolment, inWholeBlocks, markRequests, seedMarkCourses } from '../support/mark-workload.js';
import { Seeder } from '../support/seed.js';
import type { BenchSchema } from './bench-schema.js';

const IN_FLIGHT = 32;

/**
 * Enrolments (rounded up to whole blocks) with every component submitted and unmarked, and a
 * supply of mark requests, each a genuine first mark by a tutor of the course: the same requests
 * as bench/support/mark-workload.ts, on a PostgreSQL schema.
 */
export const seedMarkSupply = async (
  schema: BenchSchema,
  minimumEnrolments: number,
): Promise<{ enrolments: number; next: () => BenchRequest }> => {
  const count = inWholeBlocks(minimumEnrolments);
  const seeder = new Seeder(schema.stores.store);
  const { courses, componentIds } = await seedMarkCourses(seeder, 'SCALE');
  const enrolments: string[] = [];
  const seedOne = async (i: number) =>
    (enrolments[i] = await seeder.enrolment(await seeder.learner(i), courseOfEnrolment(courses, i), componentIds));
  for (let first = 0; first < count; first += IN_FLIGHT)
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count - first) }, (_, k) => seedOne(first + k)));

  const marks = markRequests(enrolments, componentIds);
  let cursor = 0;
  // Past the end the supply starts again: those repeats are refused (409) and counted apart.
  return { enrolments: count, next: () => marks[cursor++ % marks.length]! };
};
