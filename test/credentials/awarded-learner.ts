import { learnerBody } from '../support/fixtures.js';
import type { TestApp } from '../support/test-app.js';

/** A learner who passes with marks 64/66 (Merit, 65%) and is awarded under delegated authority. */
export const awardedLearner = async (
  api: TestApp,
  courseId: string,
  email: string,
  learner: Record<string, unknown> = {},
): Promise<{ learnerId: string; awardId: string }> => {
  const learnerId = (await api.request('POST', '/v1/learners', { body: learnerBody({ email, ...learner }) })).body
    .id as string;
  const enrolmentId = (
    await api.request('POST', '/v1/enrolments', {
      body: { learnerId, courseId, startDate: api.clock.now().toISOString().slice(0, 10) },
    })
  ).body.id;
  for (const componentId of ['essay', 'exam'])
    await api.request('POST', `/v1/enrolments/${enrolmentId}/submissions`, {
      token: api.token('learner', learnerId),
      body: { componentId },
    });
  // A marker of their own: every 10th mark of a marker is sampled for moderation.
  await api.request('POST', `/v1/courses/${courseId}/tutors`, { body: { tutorId: `tutor-${email}` } });
  for (const [componentId, mark] of [
    ['essay', 64],
    ['exam', 66],
  ] as const)
    await api.request('POST', `/v1/enrolments/${enrolmentId}/marks`, {
      token: api.token('tutor', `tutor-${email}`),
      body: { componentId, mark },
    });
  const record = await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1);
  return { learnerId, awardId: record.awards[0].id as string };
};
