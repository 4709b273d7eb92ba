import { coveredCourse } from '../support/courses.js';
import { learnerBody } from '../support/fixtures.js';
import { describeRoute, FEATURE_ROUTES, isCallOf } from '../support/routes.js';
import { TestApp, TestClock, type HttpResponse } from '../support/test-app.js';
import { badRequests, type BadRequest } from './fuzz/bad-requests.js';
import { COMMAND_ENDPOINTS, ID_PATHS, QUERY_ENDPOINTS, type Ids } from './fuzz/endpoints.js';
import { SeededRandom } from './fuzz/seeded-random.js';
import { CSV_ENDPOINTS } from './fuzz/csv-uploads.js';

const SEED = 20261123;

const isErrorBody = (status: number, body: any): boolean =>
  body?.statusCode === status &&
  typeof body.error === 'string' &&
  Array.isArray(body.message) &&
  body.message.length > 0 &&
  body.message.every((m: unknown) => typeof m === 'string');

/** What is wrong with one response, if anything. */
const problemWith = (request: BadRequest, response: HttpResponse, headMoved: boolean): string | undefined => {
  if (response.status >= 500) return `answered ${response.status}`;
  if (request.everyRowRefused && (response.status !== 200 || response.body?.summary?.errors !== 1))
    return `a sheet of one bad row was answered ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`;
  if (request.everyRowRefused && headMoved) return 'a sheet of one bad row appended something';
  if (response.status < 400)
    return request.certainlyRefused ? `accepted (${response.status}) a request that must be refused` : undefined;
  if (!isErrorBody(response.status, response.body))
    return `error body is not {statusCode, error, message[]}: ${JSON.stringify(response.body).slice(0, 200)}`;
  if (headMoved) return `refused (${response.status}) but the event store head moved`;
  return undefined;
};

/**
 * Thousands of generated bad requests over every endpoint: never a 5xx, every refusal in the
 * design's error shape, and a refused request appends nothing. Runs without the board runner so
 * that the only appends are the requests' own and the head check is exact.
 */
describe('fuzzing the HTTP surface', () => {
  let api: TestApp;
  let ids: Ids;

  beforeAll(async () => {
    // The budget is off: the requests grow with every route, and rate-limit.e2e tests the budget itself.
    api = await TestApp.start({
      clock: new TestClock('2026-11-23T09:00:00Z'),
      processes: () => [],
      env: { RATE_LIMIT_PER_MINUTE: '0' },
    });
    const course = await coveredCourse(api);
    const learner = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
    const enrolment = (
      await api.request('POST', '/v1/enrolments', {
        body: { learnerId: learner, courseId: course, startDate: '2026-11-23' },
      })
    ).body.id;
    ids = { course, learner, enrolment };
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('fuzzes every input of every route the feature modules register', () => {
    const uncovered = FEATURE_ROUTES.flatMap((route) => [
      ...(route.path.includes(':') && !ID_PATHS.some(([method, path]) => isCallOf(route, method, path))
        ? [`${describeRoute(route)}: no malformed ids (ID_PATHS)`]
        : []),
      ...(route.body &&
      !COMMAND_ENDPOINTS.some(({ path }) => isCallOf(route, 'POST', path)) &&
      !CSV_ENDPOINTS.some(({ path }) => isCallOf(route, 'POST', path))
        ? [`${describeRoute(route)}: no body mutations (COMMAND_ENDPOINTS)`]
        : []),
      ...(route.query && !QUERY_ENDPOINTS.some(({ method, path }) => isCallOf(route, method ?? 'GET', path))
        ? [`${describeRoute(route)}: no bad query parameters (QUERY_ENDPOINTS)`]
        : []),
    ]);
    expect(uncovered).toEqual([]);
  });

  it('answers at least 2,000 bad requests with a well-formed 4xx and appends nothing for them', async () => {
    const requests = badRequests(ids, new SeededRandom(SEED));
    const byStatus = new Map<number, number>();
    const problems: string[] = [];
    for (const request of requests) {
      const head = await api.store.headPosition();
      const response = await api.request(request.method, request.path, {
        token: api.token(...request.caller),
        rawBody: request.rawBody,
        contentType: request.contentType,
        headers: request.headers,
      });
      byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
      const problem = problemWith(request, response, (await api.store.headPosition()) !== head);
      if (problem) problems.push(`${request.label.slice(0, 160)} -> ${problem}`);
    }
    const summary = [...byStatus].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`);
    const certain = requests.filter((r) => r.certainlyRefused).length;
    console.log(
      `fuzz (seed ${SEED}): ${requests.length} requests (${certain} certainly invalid); by status ${summary.join(', ')}`,
    );
    expect(requests.length).toBeGreaterThanOrEqual(2000);
    expect(problems).toEqual([]);
  }, 300_000);
});
