import { Seeder, benchCourse } from '../support/seed.js';
import type { BenchSchema } from './bench-schema.js';

/** 65 is more than the sampling margin (3) from every boundary (50/60/70): a clean pass. */
const MARK = 65;
/** Enrolments seeded at once: the store's group commit batches concurrent appends. */
const IN_FLIGHT = 32;

/**
 * `cases` enrolments on one course under one standing board, every component submitted and marked:
 * all a board runner needs to release the marks, decide, confirm and award each case under delegated
 * authority. Each case has a marker of its own, so no mark is the 10th of its marker (the rolling
 * sample that would hold it for a moderator).
 */
export const seedAwardWorkload = async (schema: BenchSchema, cases: number): Promise<void> => {
  const seeder = new Seeder(schema.stores.store);
  const course = await seeder.course(benchCourse('SCALE', 2));
  await seeder.board([course.courseId]);
  const componentIds = course.components.map((c) => c.id);
  const seedCase = async (i: number) => {
    const marks = componentIds.map((componentId) => ({ componentId, mark: MARK, markerId: `marker-${i}` }));
    await seeder.enrolment(await seeder.learner(i), course, componentIds, marks);
  };
  for (let first = 0; first < cases; first += IN_FLIGHT)
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, cases - first) }, (_, k) => seedCase(first + k)));
};
