/** Stream names are `<category>-<id>` (design §1). */
export const streams = {
  course: (id: string) => `course-${id}`,
  learner: (id: string) => `learner-${id}`,
  enrolment: (id: string) => `enrolment-${id}`,
  board: (id: string) => `board-${id}`,
  award: (id: string) => `award-${id}`,
} as const;

export const categoryOf = (stream: string): string => stream.slice(0, stream.indexOf('-'));
export const idOf = (stream: string): string => stream.slice(stream.indexOf('-') + 1);
