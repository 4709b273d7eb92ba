import { boardBody, courseBody } from './fixtures.js';
import type { TestApp } from './test-app.js';

/** Defines a course and a board that covers it (a course no board covers takes no enrolments); its id. */
export const coveredCourse = async (api: TestApp, overrides: Record<string, unknown> = {}): Promise<string> => {
  const course = await api.request('POST', '/v1/courses', { body: courseBody(overrides) });
  if (course.status !== 201) throw new Error(`course not defined: ${JSON.stringify(course.body)}`);
  const board = await api.request('POST', '/v1/boards', { body: boardBody([course.body.id]) });
  if (board.status !== 201) throw new Error(`board not constituted: ${JSON.stringify(board.body)}`);
  return course.body.id;
};
