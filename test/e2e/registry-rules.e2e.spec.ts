import { courseBody } from '../support/fixtures.js';
import { TestApp, TestClock } from '../support/test-app.js';

/** The registry's rules over HTTP (issue 20): each refusal is a 4xx naming the rule, and appends nothing. */
describe('registry rules', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z') });
  });
  afterAll(async () => {
    await api?.destroy();
  });

  /** The request's answer, after checking that nothing was appended. */
  const refused = async (method: string, path: string, body: unknown, token?: string) => {
    const head = await api.store.headPosition();
    const response = await api.request(method, path, { body, token });
    expect(await api.store.headPosition()).toBe(head);
    return response;
  };

  describe('frameworks and naming', () => {
    it('refuses a 15-credit "Postgraduate Certificate" with a 400 naming the title', async () => {
      const response = await refused(
        'POST',
        '/v1/courses',
        courseBody({ title: 'Postgraduate Certificate in Data Ethics' }),
      );
      expect(response).toMatchObject({
        status: 400,
        body: {
          message: [
            'title must not name a Postgraduate Certificate (PgCert) unless the course is one: a Postgraduate Certificate (PgCert) at FHEQ level 7 is 60 credits and this course has 15 (QAA 2022 7.3, naming must not mislead)',
          ],
        },
      });
    });

    it('calls 240 credits at FHEQ 5 a DipHE, not a CertHE', async () => {
      const response = await refused(
        'POST',
        '/v1/courses',
        courseBody({ credits: 240, level: { framework: 'FHEQ', level: 5 } }),
      );
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual([
        expect.stringMatching(
          /^credits must be below 240 at FHEQ level 5: 240 credits is a Diploma of Higher Education \(DipHE\)/,
        ),
      ]);
    });

    it('accepts RQF and lower SCQF levels and gives the EQF level', async () => {
      const rqf = await api.request('POST', '/v1/courses', {
        body: courseBody({ level: { framework: 'RQF', level: 3 } }),
      });
      expect(rqf).toMatchObject({
        status: 201,
        body: { level: { framework: 'RQF', level: 3 }, eqfLevel: 4, warnings: [] },
      });
      const scqf = await api.request('POST', '/v1/courses', {
        body: courseBody({ level: { framework: 'SCQF', level: 6 } }),
      });
      expect(scqf).toMatchObject({ status: 201, body: { eqfLevel: 4 } });
    });

    it('defines a course over a year long with a warning in the response', async () => {
      const response = await api.request('POST', '/v1/courses', { body: courseBody({ maxEngagementDays: 400 }) });
      expect(response).toMatchObject({
        status: 201,
        body: {
          maxEngagementDays: 400,
          warnings: [{ field: 'maxEngagementDays', message: expect.stringMatching(/^is over a year \(400 days\)/) }],
        },
      });
    });
  });
});
