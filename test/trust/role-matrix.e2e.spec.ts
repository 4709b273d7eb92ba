import { randomUUID } from 'node:crypto';
import { coveredCourse } from '../support/courses.js';
import { boardBody, CHAIR, courseBody, EXTERNAL, learnerBody } from '../support/fixtures.js';
import { describeRoute, FEATURE_ROUTES, isCallOf } from '../support/routes.js';
import { TestApp, TestClock } from '../support/test-app.js';

/**
 * Every endpoint against every kind of caller. The endpoints come from the feature modules (their
 * controllers' decorators); the allowed callers are copied from the @Roles decorators (plus the
 * handlers' own-record checks for learners), so changing a decorator, or adding an endpoint without
 * a row here, fails this test.
 */
type Caller =
  'registry' | 'tutor' | 'board' | 'examiner' | 'learner (own)' | 'learner (other)' | 'integration' | 'no token';
type Outcome = 'allowed' | '401' | '403';

const CALLERS: Caller[] = [
  'registry',
  'tutor',
  'board',
  'examiner',
  'learner (own)',
  'learner (other)',
  'integration',
  'no token',
];
/** No @Roles: any valid token. */
const ANY_ROLE: Caller[] = CALLERS.filter((c) => c !== 'no token');
/** @Public(). */
const PUBLIC: Caller[] = CALLERS;

interface Ids {
  /** The awarding body's issuer slug, and one of its keys (an unknown one: these reads are public). */
  issuer: string;
  key: string;
  course: string;
  learner: string;
  enrolment: string;
  award: string;
  case: string;
  /** The learner's appeal against the board's decision on `enrolment`. */
  appeal: string;
  /** Unknown: the roles are checked before the pathway is looked up. */
  pathway: string;
  /** Unknown: the roles are checked before the adjustment is looked up. */
  adjustment: string;
  /** A tutor assigned to `course` for the release row to release (not the tutor who marks). */
  tutor: string;
  /** An enrolment on a course whose tutors do not include the matrix's tutor. */
  unassigned: string;
  /** A second learner, for the erasure row: erasing `learner` would change what later rows see. */
  erasable: string;
  /** Webhook endpoints (on a closed port) of the matrix's integration client, a second one for the delete row, and another client's. */
  subscription: string;
  deletableSubscription: string;
  foreignSubscription: string;
  /** An event type's data schema file. */
  schemaFile: string;
  board: string;
}
type Row = [method: 'GET' | 'POST' | 'DELETE', path: string, allowed: Caller[], body?: (ids: Ids) => unknown];

const ENROLMENT_SHEET =
  'givenName,familyName,email,courseCode,startDate\nAmira,Okafor,a@example.org,NO-SUCH-CODE,2026-11-23';
const markSheet = (ids: Ids) => `enrolmentId,componentId,mark\n${ids.unassigned},essay,101`;

const STREAM = 'GET';
/** Nothing listens on the discard port: test events there fail fast. */
const CLOSED_ENDPOINT = 'http://127.0.0.1:9/hooks/credence';
const STREAM_PATH = '/v1/stream';

// prettier-ignore
const ENDPOINTS: Row[] = [
  ['POST', '/v1/courses', ['registry'], () => courseBody()],
  ['GET', '/v1/courses/:course', ANY_ROLE],
  ['POST', '/v1/courses/:course/approval', ['registry'], () => ({ approvedBy: 'Standards Committee', externalAdviser: 'Prof. Ortiz', approvedOn: '2026-11-20' })],
  ['POST', '/v1/courses/:course/versions', ['registry'], () => ({ ...courseBody(), reason: 'A new version' })],
  ['POST', '/v1/courses/:course/withdrawal', ['registry'], () => ({ withdrawnFrom: '2027-08-31', reason: 'Replaced' })],
  ['POST', '/v1/courses/:course/tutors', ['registry'], () => ({ tutorId: `tutor-${randomUUID()}` })],
  ['DELETE', '/v1/courses/:course/tutors/:tutor?reason=Reassigned', ['registry']],
  ['POST', '/v1/learners', ['registry'], () => learnerBody({ email: `${randomUUID()}@example.org` })],
  ['GET', '/v1/learners/:learner/record', ['registry', 'learner (own)']],
  ['POST', '/v1/enrolments', ['registry'], (ids) => ({ learnerId: ids.learner, courseId: ids.course, startDate: '2026-11-23' })],
  ['GET', '/v1/enrolments/:enrolment', ['registry', 'tutor', 'board', 'examiner', 'learner (own)']],
  ['POST', '/v1/enrolments/:enrolment/suspension', ['registry'], () => ({ from: '2026-11-23', reason: 'Caring responsibilities' })],
  ['POST', '/v1/enrolments/:enrolment/resumption', ['registry'], () => ({ on: '2026-11-23' })],
  ['POST', '/v1/enrolments/:enrolment/extensions', ['registry'], () => ({ days: 7, reason: 'Illness' })],
  ['POST', '/v1/enrolments/:enrolment/submissions', ['registry', 'learner (own)'], () => ({ componentId: 'essay' })],
  ['POST', '/v1/enrolments/:enrolment/marks', ['tutor'], () => ({ componentId: 'essay', mark: 64 })],
  ['POST', '/v1/enrolments/:enrolment/moderations', ['board', 'examiner'], () => ({ componentId: 'essay', decision: 'agreed', reason: 'Agreed' })],
  ['POST', '/v1/enrolments/:enrolment/mark-amendments', ['tutor'], () => ({ componentId: 'essay', mark: 65, reason: 'Arithmetic' })],
  ['POST', '/v1/enrolments/:enrolment/mitigating-circumstances', ['registry', 'learner (own)'], () => ({ reason: 'Hospitalised' })],
  ['POST', '/v1/enrolments/:enrolment/integrity-flags', ['registry', 'tutor'], () => ({ reason: 'Matching text' })],
  ['POST', '/v1/enrolments/:enrolment/learner-notes', ['learner (own)'], () => ({ note: 'Reading list done' })],
  ['POST', '/v1/enrolments/:enrolment/feedback', ['tutor'], () => ({ componentId: 'essay', feedback: 'Cite more sources' })],
  ['POST', '/v1/enrolments/:enrolment/adjustments', ['registry'], () => ({ type: 'extra-time', extensionDays: 7 })],
  ['POST', '/v1/enrolments/:enrolment/adjustments/:adjustment/withdrawal', ['registry'], () => ({ reason: 'No longer needed' })],
  ['POST', '/v1/boards', ['registry'], (ids) => boardBody([ids.course])],
  ['GET', '/v1/boards/cases', ['registry', 'board', 'examiner']],
  ['POST', '/v1/boards/cases/:case/decisions', ['board'], () => ({ decision: 'confirm', rationale: 'Clean case' })],
  ['GET', '/v1/awards/:award', ['registry', 'board', 'examiner', 'learner (own)', 'integration']],
  ['POST', '/v1/awards/:award/revocation', ['registry'], () => ({ reason: 'Misconduct' })],
  ['POST', '/v1/enrolments/:enrolment/appeals', ['learner (own)'], () => ({ grounds: ['administrative-error'], statement: 'Wrong rubric' })],
  ['GET', '/v1/appeals/:appeal', ['registry', 'learner (own)']],
  ['GET', '/v1/appeals', ['registry']],
  ['GET', '/v1/learners/:learner/appeals', ['registry', 'learner (own)']],
  ['POST', '/v1/appeals/:appeal/acknowledgement', ['registry']],
  ['POST', '/v1/appeals/:appeal/review', ['registry']],
  ['POST', '/v1/appeals/:appeal/outcome', ['registry'], () => ({ upheld: false, rationale: 'Rubric was right' })],
  ['GET', '/v1/awards/:award/credential', PUBLIC],
  ['POST', '/v1/awards/:award/share-link', ['learner (own)']],
  ['DELETE', '/v1/awards/:award/share-link', ['learner (own)']],
  ['GET', '/v1/awards/:award/certificate.pdf', ['registry', 'board', 'learner (own)']],
  ['GET', '/v1/credentials/issuers/:issuer', PUBLIC],
  ['GET', '/v1/credentials/issuers/:issuer/jwks.json', PUBLIC],
  ['GET', '/v1/credentials/issuers/:issuer/keys/:key', PUBLIC],
  ['GET', '/v1/credentials/issuers/:issuer/status/revocation', PUBLIC],
  ['POST', '/v1/credentials/issuers/:issuer/key-rotation', ['registry']],
  ['POST', '/v1/credentials/issuers/:issuer/keys/:key/retirement', ['registry']],
  ['GET', '/v1/credentials/contexts/micro-credential-v1.jsonld', PUBLIC],
  ['GET', '/v1/credentials/schemas/micro-credential-v1.json', PUBLIC],
  ['POST', '/v1/credentials/verify', PUBLIC, () => ({ credential: 'not.a.jwt' })],
  ['GET', '/.well-known/jwks.json', PUBLIC],
  ['GET', '/v1/learners/:learner/clr', ['registry', 'learner (own)']],
  ['GET', '/v1/learners/:learner/transcript.pdf', ['registry', 'learner (own)']],
  ['POST', '/v1/learners/:erasable/erasure', ['registry'], () => ({ reason: 'Erasure request under UK GDPR Article 17' })],
  ['GET', '/v1/learners/:learner/export', ['registry', 'learner (own)']],
  ['POST', '/v1/learners/:learner/credits', ['registry'], () => ({ decision: 'recognised', kind: 'transfer', provider: 'Partner', title: 'Statistics', credits: 15, level: { framework: 'FHEQ', level: 7 }, awardedOn: '2025-06-30', evidenceRef: 'ref-1' })],
  ['POST', '/v1/learners/:learner/access-rpl', ['registry'], (ids) => ({ courseId: ids.course, decision: 'admitted', basis: 'Experience', evidenceRef: 'ref-2' })],
  ['GET', '/v1/learners/:learner/pathways/:pathway/progress', ['registry', 'learner (own)']],
  ['POST', '/v1/learners/:learner/pathways/:pathway/conferment', ['registry']],
  ['POST', '/v1/pathways', ['registry'], (ids) => ({ title: 'PgCert', awardingBody: 'University of Northshire', level: { framework: 'FHEQ', level: 7 }, totalCredits: 60, minCreditsAtLevel: 40, allowedCourseIds: [ids.course] })],
  ['GET', '/v1/pathways', ['registry']],
  ['GET', '/v1/pathways/:pathway', ['registry', 'learner (own)', 'learner (other)']],
  ['GET', '/v1/feed', ['registry', 'integration']],
  ['GET', '/v1/audit?stream=enrolment-:enrolment', ['registry']],
  ['POST', '/v1/webhooks/subscriptions', ['registry', 'integration'], () => ({ url: CLOSED_ENDPOINT })],
  ['GET', '/v1/webhooks/subscriptions', ['registry', 'integration']],
  ['GET', '/v1/webhooks/subscriptions/:subscription', ['registry', 'integration']],
  ['GET', '/v1/webhooks/subscriptions/:subscription/secret', ['registry', 'integration']],
  ['POST', '/v1/webhooks/subscriptions/:subscription/pause', ['registry', 'integration']],
  ['POST', '/v1/webhooks/subscriptions/:subscription/resumption', ['registry', 'integration']],
  ['POST', '/v1/webhooks/subscriptions/:subscription/secret-rotation', ['registry', 'integration'], () => ({ overlapHours: 1 })],
  ['POST', '/v1/webhooks/subscriptions/:subscription/test-events', ['registry', 'integration']],
  ['POST', '/v1/webhooks/subscriptions/:subscription/dead-letter-replays', ['registry', 'integration'], () => ({})],
  ['DELETE', '/v1/webhooks/subscriptions/:deletableSubscription', ['registry', 'integration']],
  ['GET', '/v1/webhooks/dead-letters', ['registry', 'integration']],
  ['GET', '/schemas/events/:schemaFile', PUBLIC],
  ['GET', '/asyncapi.json', PUBLIC],
  ['GET', '/health', PUBLIC],
  ['GET', '/v1/sign-in', PUBLIC],
  ['GET', '/metrics', PUBLIC],
  ['GET', '/v1/operations/parked', ['registry']],
  // Unknown: the roles are checked before the parking is looked up (404 for registry staff).
  ['POST', '/v1/operations/parked/:pathway/retry', ['registry']],
  ['GET', '/docs-json', PUBLIC],
  // The web app's reads and live updates.
  ['GET', '/v1/courses', ANY_ROLE],
  ['GET', '/v1/courses/:course/monitoring', ['registry']],
  ['GET', '/v1/learners', ['registry']],
  ['GET', '/v1/learners/:learner/timeline', ['registry', 'learner (own)']],
  ['GET', '/v1/marking/queue', ['registry', 'tutor']],
  ['GET', '/v1/marking/moderation-queue', ['registry', 'board', 'examiner']],
  ['GET', '/v1/marking/moderation-results', ['tutor']],
  ['GET', '/v1/boards', ['registry', 'board', 'examiner']],
  // Bulk CSV (a string body is sent as text/csv) and the CSV exports.
  ['POST', '/v1/bulk/enrolments/preview', ['registry'], () => ENROLMENT_SHEET],
  ['POST', '/v1/bulk/enrolments', ['registry'], () => ENROLMENT_SHEET],
  ['POST', '/v1/bulk/marks/preview', ['registry', 'tutor'], (ids) => markSheet(ids)],
  ['POST', '/v1/bulk/marks', ['registry', 'tutor'], (ids) => markSheet(ids)],
  ['GET', '/v1/courses/:course/marks.csv', ['registry']],
  ['GET', '/v1/courses/:course/monitoring.csv', ['registry']],
  ['GET', '/v1/boards/:board/minutes.csv', ['registry', 'board', 'examiner']],
  ['GET', '/v1/marking/queue.csv', ['registry', 'tutor']],
  // Any learner may listen: they hear only changes to their own streams.
  [STREAM, STREAM_PATH, ['registry', 'tutor', 'board', 'examiner', 'learner (own)', 'learner (other)']],
];

/**
 * Ownership: another integration client's webhook endpoint; only registry staff may manage it.
 * (No DELETE row: registry staff, asked first, would delete it; webhook-subscriptions.e2e covers it.)
 */
// prettier-ignore
const FOREIGN_SUBSCRIPTION_ROWS: Row[] = [
  ['GET', '/v1/webhooks/subscriptions/:foreignSubscription', ['registry']],
  ['GET', '/v1/webhooks/subscriptions/:foreignSubscription/secret', ['registry']],
  ['POST', '/v1/webhooks/subscriptions/:foreignSubscription/secret-rotation', ['registry'], () => ({ overlapHours: 1 })],
  ['POST', '/v1/webhooks/subscriptions/:foreignSubscription/test-events', ['registry']],
  ['POST', '/v1/webhooks/subscriptions/:foreignSubscription/dead-letter-replays', ['registry'], () => ({})],
  ['POST', '/v1/webhooks/subscriptions/:foreignSubscription/pause', ['registry']],
  ['POST', '/v1/webhooks/subscriptions/:foreignSubscription/resumption', ['registry']],
];

/** Ownership: the matrix's tutor is not assigned to this enrolment's course, so is refused like any other role. */
// prettier-ignore
const UNASSIGNED_TUTOR_ROWS: Row[] = [
  ['POST', '/v1/enrolments/:unassigned/marks', [], () => ({ componentId: 'essay', mark: 64 })],
  ['POST', '/v1/enrolments/:unassigned/mark-amendments', [], () => ({ componentId: 'essay', mark: 65, reason: 'Arithmetic' })],
  ['POST', '/v1/enrolments/:unassigned/integrity-flags', ['registry'], () => ({ reason: 'Matching text' })],
];

const expected = (allowed: Caller[], caller: Caller): Outcome =>
  allowed.includes(caller) ? 'allowed' : caller === 'no token' ? '401' : '403';
const observed = (status: number): Outcome => (status === 401 ? '401' : status === 403 ? '403' : 'allowed');

describe('role matrix', () => {
  let api: TestApp;
  let ids: Ids;

  const tokenOf = (caller: Caller): string | null => {
    switch (caller) {
      case 'no token':
        return null;
      case 'learner (own)':
        return api.token('learner', ids.learner);
      case 'learner (other)':
        return api.token('learner', randomUUID());
      case 'board':
        return api.token('board', CHAIR);
      case 'examiner':
        return api.token('examiner', EXTERNAL);
      default:
        return api.token(caller);
    }
  };

  beforeAll(async () => {
    api = await TestApp.start({ clock: new TestClock('2026-11-23T09:00:00Z') });
    const course = (await api.request('POST', '/v1/courses', { body: courseBody() })).body.id;
    const board = (await api.request('POST', '/v1/boards', { body: boardBody([course]) })).body.id;
    const learner = (await api.request('POST', '/v1/learners', { body: learnerBody() })).body.id;
    const enrolment = (
      await api.request('POST', '/v1/enrolments', {
        body: { learnerId: learner, courseId: course, startDate: '2026-11-23' },
      })
    ).body.id;
    for (const [componentId, mark] of [
      ['essay', 64],
      ['exam', 66],
    ] as const) {
      await api.request('POST', `/v1/enrolments/${enrolment}/submissions`, { body: { componentId } });
      await api.request('POST', `/v1/enrolments/${enrolment}/marks`, {
        token: api.token('tutor'),
        body: { componentId, mark },
      });
    }
    const record = await api.eventually(`/v1/learners/${learner}/record`, (r: any) => r.awards.length === 1);
    const decided = await api.request('GET', '/v1/boards/cases?status=decided', { token: api.token('board', CHAIR) });
    const caseId = decided.body.find((c: any) => c.enrolmentId === enrolment).id;
    const appeal = (
      await api.request('POST', `/v1/enrolments/${enrolment}/appeals`, {
        token: api.token('learner', learner),
        body: { grounds: ['procedural-irregularity'], statement: 'The wrong rubric was applied' },
      })
    ).body.id;
    const erasable = (
      await api.request('POST', '/v1/learners', { body: learnerBody({ email: 'erasable@example.org' }) })
    ).body.id;
    const tutor = 'tutor-releasable';
    await api.request('POST', `/v1/courses/${course}/tutors`, { body: { tutorId: tutor } });
    const otherCourse = await coveredCourse(api, { tutorIds: ['tutor-other'] });
    const unassigned = (
      await api.request('POST', '/v1/enrolments', {
        body: { learnerId: learner, courseId: otherCourse, startDate: '2026-11-23' },
      })
    ).body.id;
    await api.request('POST', `/v1/enrolments/${unassigned}/submissions`, { body: { componentId: 'essay' } });
    const subscriptionOf = async (client: string) =>
      (
        await api.request('POST', '/v1/webhooks/subscriptions', {
          token: api.token('integration', client),
          body: { url: CLOSED_ENDPOINT },
        })
      ).body.id;
    ids = {
      subscription: await subscriptionOf('integration-1'),
      deletableSubscription: await subscriptionOf('integration-1'),
      foreignSubscription: await subscriptionOf('another-client'),
      schemaFile: 'credence.award.issued.v1.json',
      issuer: 'university-of-northshire',
      key: 'unknown-key',
      course,
      learner,
      enrolment,
      award: record.awards[0].id,
      case: caseId,
      appeal,
      pathway: randomUUID(),
      adjustment: randomUUID(),
      erasable,
      tutor,
      unassigned,
      board,
    };
  });
  afterAll(async () => {
    await api?.destroy();
  });

  it('has a row for every route the feature modules register, and none for a route they do not', () => {
    const rowless = FEATURE_ROUTES.filter(
      (route) => !ENDPOINTS.some(([method, path]) => isCallOf(route, method, path)),
    );
    const routeless = ENDPOINTS.filter(
      ([method, path]) => path !== '/docs-json' && !FEATURE_ROUTES.some((route) => isCallOf(route, method, path)),
    );
    expect({ rowless: rowless.map(describeRoute), routeless: routeless.map(([m, p]) => `${m} ${p}`) }).toEqual({
      rowless: [],
      routeless: [],
    });
  });

  it('has a row for every endpoint in the OpenAPI document', async () => {
    const docs = await api.request('GET', '/docs-json', { token: null });
    // Parameters compared by position only: `{id}` / `{pathwayId}` there, `:learner` / `:pathway` here.
    const documented = Object.entries(docs.body.paths as Record<string, object>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{\w+\}/g, '{}')}`),
    );
    const rows = ENDPOINTS.filter(([, path]) => path !== '/docs-json').map(
      ([method, path]) => `${method} ${path.replace(/\?.*$/, '').replace(/:\w+/g, '{}')}`,
    );
    expect(rows.sort()).toEqual(documented.sort());
  });

  /** A string body is a CSV upload. */
  const sent = (body: unknown) => (typeof body === 'string' ? { rawBody: body, contentType: 'text/csv' } : { body });

  /** The live stream never ends: read its status, then close it. */
  const streamStatus = async (url: string, token: string | null): Promise<{ status: number }> => {
    const abort = new AbortController();
    const response = await fetch(`${api.baseUrl}${url}`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    abort.abort();
    return { status: response.status };
  };

  // Rest parameters: jest reads a function declaring more parameters than a row has as wanting done().
  const eachCallerOn = async (...[method, path, allowed, body]: Row) => {
    const url = path.replace(/:(\w+)/g, (_match, name: keyof Ids) => ids[name]);
    const outcomes: Partial<Record<Caller, Outcome>> = {};
    const wanted: Partial<Record<Caller, Outcome>> = {};
    for (const caller of CALLERS) {
      const response =
        path === STREAM_PATH
          ? await streamStatus(url, tokenOf(caller))
          : await api.request(method, url, { token: tokenOf(caller), ...sent(body?.(ids)) });
      outcomes[caller] = observed(response.status);
      wanted[caller] = expected(allowed, caller);
    }
    expect(outcomes).toEqual(wanted);
  };

  it.each(ENDPOINTS)('%s %s: 401 without a token, 403 for other roles', eachCallerOn);

  it.each(FOREIGN_SUBSCRIPTION_ROWS)('%s %s: 403 for an integration client that did not create it', eachCallerOn);

  it.each(UNASSIGNED_TUTOR_ROWS)('%s %s: 403 for a tutor not assigned to the course', eachCallerOn);
});
