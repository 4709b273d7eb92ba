import { randomUUID } from 'node:crypto';
import { boardBody, courseBody, learnerBody } from '../../support/fixtures.js';
import { submitAndPassCleanly } from '../../support/enrolments.js';
import { TestApp, TestClock } from '../../support/test-app.js';

const GIVEN = 'Ottoline';
const FAMILY = 'Marchbanks-Oyelaran';
const EMAIL = 'ottoline.marchbanks@example.org';
const PII = new RegExp([GIVEN, FAMILY, EMAIL].join('|'), 'i');

describe('what an integration token reads', () => {
  let api: TestApp;
  let awardId: string;
  let courseId: string;

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z') });
    courseId = (await api.request('POST', '/v1/courses', { body: courseBody() })).body.id;
    await api.request('POST', '/v1/boards', { body: boardBody([courseId]) });
    const learnerId = (
      await api.request('POST', '/v1/learners', {
        body: learnerBody({ givenName: GIVEN, familyName: FAMILY, email: EMAIL }),
      })
    ).body.id;
    const enrolmentId = (
      await api.request('POST', '/v1/enrolments', { body: { learnerId, courseId, startDate: '2026-11-23' } })
    ).body.id;
    await submitAndPassCleanly(api, enrolmentId, learnerId);
    awardId = (await api.eventually(`/v1/learners/${learnerId}/record`, (r: any) => r.awards.length === 1)).awards[0]
      .id;
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('reads an award (whose id the feed gives it) without the learner’s name', async () => {
    const award = await api.request('GET', `/v1/awards/${awardId}`, { token: api.token('integration') });
    expect(award.status).toBe(200);
    expect(award.body).toMatchObject({ id: awardId, status: 'issued', courseId });
    expect(award.body).not.toHaveProperty('learnerName');
    expect(JSON.stringify(award.body)).not.toMatch(PII);
    // Staff still see it.
    const staff = await api.request('GET', `/v1/awards/${awardId}`);
    expect(staff.body.learnerName).toBe(`${GIVEN} ${FAMILY}`);
  });

  it('finds no personal data in anything it may read', async () => {
    const integration = api.token('integration');
    for (const path of [
      '/v1/feed?limit=1000',
      '/v1/courses',
      `/v1/courses/${courseId}`,
      `/v1/awards/${awardId}`,
      `/v1/awards/${awardId}/credential`,
    ]) {
      const response = await api.request('GET', path, { token: integration });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect({ path, body: JSON.stringify(response.body) }).not.toEqual({ path, body: expect.stringMatching(PII) });
    }
  });
});

describe('references and text in commands', () => {
  let api: TestApp;
  let courseId: string;
  beforeAll(async () => {
    api = await TestApp.start({ processes: () => [] });
    courseId = (await api.request('POST', '/v1/courses', { body: courseBody() })).body.id;
  });
  afterAll(async () => {
    await api?.destroy();
  });

  const refusedWithoutAppending = async (path: string, body: unknown) => {
    const head = await api.store.headPosition();
    const response = await api.request('POST', path, { body });
    expect(await api.store.headPosition()).toBe(head);
    return response;
  };

  it('refuses a board naming 6,000 course ids with 400 naming the field and the limit', async () => {
    const courseIds = Array.from({ length: 6000 }, () => randomUUID());
    const response = await refusedWithoutAppending('/v1/boards', boardBody(courseIds));
    expect(response.status).toBe(400);
    expect(response.body.message).toContainEqual(expect.stringMatching(/^courseIds .*at most \d+/));
  });

  it('refuses a board naming courses that do not exist with 404 naming them', async () => {
    const unknown = [randomUUID(), randomUUID()];
    const response = await refusedWithoutAppending('/v1/boards', boardBody([courseId, ...unknown]));
    expect(response.status).toBe(404);
    expect(response.body.message.join(' ')).toContain(unknown[0]);
    expect(response.body.message.join(' ')).toContain(unknown[1]);
    expect(response.body.message.join(' ')).not.toContain(courseId);
  });

  it('refuses a board with more members than a board can have', async () => {
    const members = Array.from({ length: 500 }, (_, i) => ({
      memberId: `m-${i}`,
      name: `Member ${i}`,
      role: 'internal',
    }));
    members[0]!.role = 'chair';
    const response = await refusedWithoutAppending('/v1/boards', boardBody([courseId], { members }));
    expect(response.status).toBe(400);
    expect(response.body.message).toContainEqual(expect.stringMatching(/^members .*at most \d+/));
  });

  it('still constitutes a board of known courses', async () => {
    expect((await api.request('POST', '/v1/boards', { body: boardBody([courseId]) })).status).toBe(201);
  });

  it('refuses text that is not valid Unicode (a lone surrogate) with 400 naming the field, never storing U+FFFD', async () => {
    const lone = await api.request('POST', '/v1/learners', {
      rawBody: '{"givenName":"Ad\\ud800a","familyName":"Okafor","email":"lone@example.org"}',
    });
    expect(lone.status).toBe(400);
    expect(lone.body.message).toEqual([expect.stringMatching(/^givenName .*Unicode/)]);

    const nested = await refusedWithoutAppending(
      '/v1/boards',
      boardBody([courseId], {
        members: [
          { memberId: 'chair-x', name: 'Prof. \udc00 Lone', role: 'chair' },
          { memberId: 'member-y', name: 'Dr Y', role: 'internal' },
        ],
      }),
    );
    expect(nested.status).toBe(400);
    expect(nested.body.message).toEqual([expect.stringMatching(/^members\[0\]\.name .*Unicode/)]);

    const pair = await api.request('POST', '/v1/learners', {
      body: learnerBody({ givenName: 'Zoë 😀', email: 'pair@example.org' }),
    });
    expect(pair.status).toBe(201);
    const record = await api.request('GET', `/v1/learners/${pair.body.id}/record`);
    expect(record.body.learner.givenName).toBe('Zoë 😀');
  });
});
