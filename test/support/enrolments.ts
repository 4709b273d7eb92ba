import { randomUUID } from 'node:crypto';
import { learnerBody } from './fixtures.js';
import type { HttpResponse, TestApp } from './test-app.js';

const created = <T>(what: string, response: HttpResponse<T>): T => {
  if (response.status !== 201) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

/** A new learner enrolled on `courseId` (from 23 November 2026) with `components` submitted: ready to be marked. */
export const submittedEnrolment = async (
  api: TestApp,
  courseId: string,
  components: readonly string[] = ['essay', 'exam'],
): Promise<string> => {
  const learner = await api.request('POST', '/v1/learners', {
    body: learnerBody({ email: `${randomUUID()}@example.org` }),
  });
  const learnerId = created('register the learner', learner).id;
  const enrolment = await api.request('POST', '/v1/enrolments', {
    body: { learnerId, courseId, startDate: '2026-11-23' },
  });
  const enrolmentId = created('enrol the learner', enrolment).id;
  for (const componentId of components)
    created(
      `submit ${componentId}`,
      await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, { body: { componentId } }),
    );
  return enrolmentId;
};
