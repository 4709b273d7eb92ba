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

/** The learner submits both components and the course's tutor marks them 64 and 66: a clean pass (Merit). */
export const submitAndPassCleanly = async (api: TestApp, enrolmentId: string, learnerId: string): Promise<void> => {
  for (const [componentId, mark] of [
    ['essay', 64],
    ['exam', 66],
  ] as const) {
    created(
      `submit ${componentId}`,
      await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
        token: api.token('learner', learnerId),
        body: { componentId },
      }),
    );
    created(
      `mark ${componentId}`,
      await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
        token: api.token('tutor'),
        body: { componentId, mark },
      }),
    );
  }
};
