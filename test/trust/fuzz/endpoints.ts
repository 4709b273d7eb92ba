import type { Role, Route } from '#records-api';
import { boardBody, CHAIR, courseBody, EXTERNAL, learnerBody } from '../../support/fixtures.js';
import { FEATURE_ROUTES, isCallOf } from '../../support/routes.js';
import { bodyDtoOf, dtoFields, sampleBody, type Field } from './dto-fields.js';
import { UNKNOWN_ID } from './hostile-values.js';

export interface Ids {
  course: string;
  learner: string;
  enrolment: string;
}

/** A body that reaches the handler, for the routes where a derived one would stop short of it. */
interface CommandBody {
  path: string;
  caller: [Role, string?];
  validBody: (ids: Ids) => Record<string, unknown>;
}

/** A command route with its body's fields (from its DTO), each mutated in turn. */
export interface CommandEndpoint extends CommandBody {
  fields: Field[];
}

export interface QueryParam {
  name: string;
  /** Raw values: they are URL-encoded when sent. */
  bad: string[];
  /** False when a bad value may still be answered 2xx (an unused or tolerated parameter). */
  certainlyRefused: boolean;
}

export interface QueryEndpoint {
  /** GET unless said otherwise. */
  method?: 'GET' | 'DELETE';
  path: string;
  caller: [Role, string?];
  params: QueryParam[];
}

/** Course codes must be unique; a counter keeps the corpus deterministic (courseBody's default is random). */
let courses = 0;

// prettier-ignore
const COMMAND_BODIES: CommandBody[] = [
  {
    path: '/v1/courses', caller: ['registry'],
    validBody: () => courseBody({ code: `FUZZ${++courses}`, passMark: 50, maxAttempts: 2, psrb: { body: 'BCS', recognition: 'CPD' }, qualityAssurance: 'QAA', assessmentType: 'Essay', issuerCountry: 'GB', withdrawnFrom: '2028-08-31' })
  },
  { path: '/v1/courses/:course/approval', caller: ['registry'], validBody: () => ({ approvedBy: 'Standards Committee', externalAdviser: 'Prof. Ortiz', approvedOn: '2026-11-20' }) },
  { path: '/v1/courses/:course/versions', caller: ['registry'], validBody: () => ({ ...courseBody(), reason: 'A new version' }) },
  { path: '/v1/courses/:course/withdrawal', caller: ['registry'], validBody: () => ({ withdrawnFrom: '2028-08-31', reason: 'Replaced' }) },
  { path: '/v1/courses/:course/tutors', caller: ['registry'], validBody: () => ({ tutorId: 'tutor-fuzz' }) },
  { path: '/v1/learners', caller: ['registry'], validBody: () => learnerBody() },
  {
    path: '/v1/enrolments', caller: ['registry'], validBody: (ids) => ({ learnerId: ids.learner, courseId: ids.course, startDate: '2026-11-23' })
  },
  { path: '/v1/enrolments/:enrolment/suspension', caller: ['registry'], validBody: () => ({ from: '2026-11-23', reason: 'Caring' }) },
  { path: '/v1/enrolments/:enrolment/resumption', caller: ['registry'], validBody: () => ({ on: '2026-11-23' }) },
  { path: '/v1/enrolments/:enrolment/extensions', caller: ['registry'], validBody: () => ({ days: 7, reason: 'Illness' }) },
  {
    path: '/v1/enrolments/:enrolment/submissions', caller: ['registry'],
    validBody: () => ({ componentId: 'essay', submittedAt: '2026-11-23T08:00:00Z', identityVerification: 'single-sign-on' })
  },
  { path: '/v1/enrolments/:enrolment/marks', caller: ['tutor'], validBody: () => ({ componentId: 'essay', mark: 64 }) },
  {
    path: '/v1/enrolments/:enrolment/moderations', caller: ['examiner', EXTERNAL],
    validBody: () => ({ componentId: 'essay', decision: 'adjusted', mark: 55, reason: 'Second marking' })
  },
  {
    path: '/v1/enrolments/:enrolment/mark-amendments', caller: ['tutor'], validBody: () => ({ componentId: 'essay', mark: 66, reason: 'Arithmetic' })
  },
  { path: '/v1/enrolments/:enrolment/mitigating-circumstances', caller: ['registry'], validBody: () => ({ reason: 'Hospitalised' }) },
  { path: '/v1/enrolments/:enrolment/integrity-flags', caller: ['registry'], validBody: () => ({ reason: 'Matching text' }) },
  // Another learner's token: a well-formed body is refused by ownership (403), a malformed one by validation.
  { path: '/v1/enrolments/:enrolment/learner-notes', caller: ['learner', 'learner-fuzz'], validBody: () => ({ note: 'Reading list done' }) },
  {
    path: '/v1/boards', caller: ['registry'], validBody: (ids) => boardBody([ids.course], { delegatedAuthority: true, boundaryMargin: 3 })
  },
  {
    path: `/v1/boards/cases/${UNKNOWN_ID}/decisions`, caller: ['board', CHAIR], validBody: () => ({ decision: 'amend', rationale: 'Discretion', mark: 60 })
  },
  { path: `/v1/awards/${UNKNOWN_ID}/revocation`, caller: ['registry'], validBody: () => ({ reason: 'Misconduct' }) },
  // Another learner's token: a well-formed body is refused by ownership or by the missing decision, a malformed one by validation.
  { path: '/v1/enrolments/:enrolment/appeals', caller: ['learner', 'learner-fuzz'], validBody: () => ({ grounds: ['administrative-error'], statement: 'Wrong rubric' }) },
  { path: `/v1/appeals/${UNKNOWN_ID}/outcome`, caller: ['registry'], validBody: () => ({ upheld: true, remedy: 'reopen-case', rationale: 'Wrong rubric' }) },
  // An unknown learner: a valid body reaches the handler (404) and erases no one the other requests use.
  { path: `/v1/learners/${UNKNOWN_ID}/erasure`, caller: ['registry'], validBody: () => ({ reason: 'Erasure request under UK GDPR Article 17' }) },
  {
    path: '/v1/pathways', caller: ['registry'],
    validBody: (ids) => ({
      title: 'PgCert Data Science', awardingBody: 'University of Northshire', level: { framework: 'FHEQ', level: 7 }, totalCredits: 60, minCreditsAtLevel: 40,
      capstoneCourseId: ids.course, allowedCourseIds: [ids.course], consortiumPartners: ['Partner'], maxRplProportion: 0.5, creditAgeLimitYears: 5, setAside: false,
    })
  },
  {
    path: '/v1/learners/:learner/credits', caller: ['registry'],
    validBody: () => ({ decision: 'recognised', kind: 'transfer', provider: 'Partner', title: 'Statistics', credits: 15, level: { framework: 'FHEQ', level: 7 }, awardedOn: '2025-06-30', evidenceRef: 'ref-1', reason: 'Mapped' })
  },
  {
    path: '/v1/learners/:learner/access-rpl', caller: ['registry'], validBody: (ids) => ({ courseId: ids.course, decision: 'admitted', basis: 'Experience', evidenceRef: 'ref-2' })
  },
  { path: '/v1/credentials/verify', caller: ['registry'], validBody: () => ({ credential: 'a.b.c' }) },
  // Webhook endpoints on the discard port: nothing delivers in this test (no processes run).
  {
    path: '/v1/webhooks/subscriptions', caller: ['integration'],
    validBody: () => ({ url: 'http://127.0.0.1:9/hooks', eventTypes: ['credence.award.issued.v1'], description: 'HR system' })
  },
  { path: `/v1/webhooks/subscriptions/${UNKNOWN_ID}/secret-rotation`, caller: ['registry'], validBody: () => ({ overlapHours: 24 }) },
  { path: `/v1/webhooks/subscriptions/${UNKNOWN_ID}/dead-letter-replays`, caller: ['registry'], validBody: () => ({ eventId: UNKNOWN_ID }) },
];

/** The first role the route allows (any valid token: the registry). */
const callerOf = (route: Route): [Role] => [Array.isArray(route.access) ? route.access[0]! : 'registry'];

/** Its path with every parameter an unknown, well-formed id; the first one named `:id` when asked. */
const withUnknownIds = (path: string, keepFirst = false): string => {
  let first = keepFirst;
  return path.replace(/:\w+/g, () => (first ? ((first = false), ':id') : UNKNOWN_ID));
};

/** Every command route of the feature modules: a curated body if it has one, else one sampled from its DTO. */
export const COMMAND_ENDPOINTS: CommandEndpoint[] = FEATURE_ROUTES.flatMap((route) => {
  const dto = bodyDtoOf(route);
  if (route.method !== 'POST' || dto === undefined) return [];
  const curated = COMMAND_BODIES.find(({ path }) => isCallOf(route, 'POST', path));
  const body = curated ?? { path: withUnknownIds(route.path), caller: callerOf(route), validBody: () => sampleBody(dto) };
  return [{ ...body, fields: dtoFields(dto) }];
});

type IdPath = [method: 'GET' | 'POST' | 'DELETE', path: string, caller: [Role, string?], body?: (ids: Ids) => unknown];
const ANY_ENROLMENT_CHANGE = () => ({
  reason: 'x',
  from: '2026-11-23',
  on: '2026-11-23',
  days: 1,
  componentId: 'essay',
});

/** Paths whose malformed ids are best sent with a particular caller, body or second id. */
const CURATED_ID_PATHS: IdPath[] = [
  ['GET', '/v1/courses/:id', ['registry']],
  [
    'POST',
    '/v1/courses/:id/approval',
    ['registry'],
    () => ({ approvedBy: 'C', externalAdviser: 'A', approvedOn: '2026-11-20' }),
  ],
  ['POST', '/v1/courses/:id/versions', ['registry'], () => ({ reason: 'x' })],
  ['POST', '/v1/courses/:id/withdrawal', ['registry'], () => ({ withdrawnFrom: '2028-08-31', reason: 'Replaced' })],
  ['POST', '/v1/courses/:id/tutors', ['registry'], () => ({ tutorId: 'tutor-fuzz' })],
  ['DELETE', '/v1/courses/:id/tutors/tutor-fuzz', ['registry']],
  ['GET', '/v1/learners/:id/record', ['registry']],
  ['GET', '/v1/enrolments/:id', ['registry']],
  ...['suspension', 'resumption', 'extensions', 'submissions', 'mitigating-circumstances', 'integrity-flags'].map(
    (action): IdPath => ['POST', `/v1/enrolments/:id/${action}`, ['registry'], ANY_ENROLMENT_CHANGE],
  ),
  ['POST', '/v1/enrolments/:id/marks', ['tutor'], () => ({ componentId: 'essay', mark: 50 })],
  [
    'POST',
    '/v1/enrolments/:id/moderations',
    ['examiner'],
    () => ({ componentId: 'essay', decision: 'agreed', reason: 'x' }),
  ],
  ['POST', '/v1/enrolments/:id/mark-amendments', ['tutor'], () => ({ componentId: 'essay', mark: 50, reason: 'x' })],
  ['POST', '/v1/enrolments/:id/learner-notes', ['learner'], () => ({ note: 'x' })],
  ['POST', '/v1/boards/cases/:id/decisions', ['board', CHAIR], () => ({ decision: 'confirm', rationale: 'x' })],
  ['GET', '/v1/awards/:id', ['registry']],
  ['POST', '/v1/awards/:id/revocation', ['registry'], () => ({ reason: 'x' })],
  ['POST', '/v1/enrolments/:id/appeals', ['learner'], () => ({ grounds: ['administrative-error'], statement: 'x' })],
  ['GET', '/v1/appeals/:id', ['registry']],
  ['POST', '/v1/appeals/:id/acknowledgement', ['registry']],
  ['POST', '/v1/appeals/:id/review', ['registry']],
  ['POST', '/v1/appeals/:id/outcome', ['registry'], () => ({ upheld: false, rationale: 'x' })],
  ['GET', '/v1/awards/:id/credential', ['registry']],
  ['GET', '/v1/awards/:id/certificate.pdf', ['registry']],
  ['GET', '/v1/learners/:id/clr', ['registry']],
  ['POST', '/v1/operations/parked/:id/retry', ['registry']],
  ['POST', '/v1/awards/:id/share-link', ['learner']],
  ['DELETE', '/v1/awards/:id/share-link', ['learner']],
  // Issuer slugs are not UUIDs: a malformed one is simply no issuer (404).
  ['GET', '/v1/credentials/issuers/:id', ['registry']],
  ['GET', '/v1/credentials/issuers/:id/jwks.json', ['registry']],
  ['GET', '/v1/credentials/issuers/:id/keys/unknown-key', ['registry']],
  ['GET', '/v1/credentials/issuers/:id/status/revocation', ['registry']],
  ['POST', '/v1/credentials/issuers/:id/key-rotation', ['registry']],
  ['POST', '/v1/credentials/issuers/:id/keys/unknown-key/retirement', ['registry']],
  ['POST', '/v1/learners/:id/erasure', ['registry'], () => ({ reason: 'x' })],
  ['GET', '/v1/learners/:id/export', ['registry']],
  [
    'POST',
    '/v1/learners/:id/credits',
    ['registry'],
    () => ({
      decision: 'declined',
      kind: 'rpl',
      provider: 'P',
      title: 'T',
      credits: 5,
      level: { framework: 'FHEQ', level: 7 },
      awardedOn: '2025-06-30',
      evidenceRef: 'r',
      reason: 'x',
    }),
  ],
  [
    'POST',
    '/v1/learners/:id/access-rpl',
    ['registry'],
    (ids) => ({ courseId: ids.course, decision: 'refused', basis: 'x', evidenceRef: 'r' }),
  ],
  ['GET', `/v1/learners/:id/pathways/${UNKNOWN_ID}/progress`, ['registry']],
  ['GET', `/v1/learners/${UNKNOWN_ID}/pathways/:id/progress`, ['registry']],
  ['POST', `/v1/learners/:id/pathways/${UNKNOWN_ID}/conferment`, ['registry']],
  ['POST', `/v1/learners/${UNKNOWN_ID}/pathways/:id/conferment`, ['registry']],
  ['GET', '/v1/pathways/:id', ['registry']],
  ['GET', '/v1/courses/:id/monitoring', ['registry']],
  ['GET', '/v1/learners/:id/timeline', ['registry']],
  ['GET', '/v1/webhooks/subscriptions/:id', ['integration']],
  ['GET', '/v1/webhooks/subscriptions/:id/secret', ['integration']],
  ['POST', '/v1/webhooks/subscriptions/:id/pause', ['integration']],
  ['POST', '/v1/webhooks/subscriptions/:id/resumption', ['integration']],
  ['DELETE', '/v1/webhooks/subscriptions/:id', ['integration']],
  ['POST', '/v1/webhooks/subscriptions/:id/secret-rotation', ['integration'], () => ({ overlapHours: 1 })],
  ['POST', '/v1/webhooks/subscriptions/:id/test-events', ['integration']],
  ['POST', '/v1/webhooks/subscriptions/:id/dead-letter-replays', ['integration'], () => ({})],
  ['GET', '/schemas/events/:id', ['integration']],
  ['GET', '/v1/courses/:id/marks.csv', ['registry']],
  ['GET', '/v1/courses/:id/monitoring.csv', ['registry']],
  ['GET', '/v1/boards/:id/minutes.csv', ['registry']],
];

/** Every path with an id, as `[method, path with :id]`: each gets malformed ids (derived where not curated). */
export const ID_PATHS: IdPath[] = [
  ...CURATED_ID_PATHS,
  ...FEATURE_ROUTES.filter(
    (route) => route.path.includes(':') && !CURATED_ID_PATHS.some(([method, path]) => isCallOf(route, method, path)),
  ).map((route): IdPath => {
    const dto = bodyDtoOf(route);
    return [route.method as IdPath[0], withUnknownIds(route.path, true), callerOf(route), dto && (() => sampleBody(dto))];
  }),
];

const LONG = 'x'.repeat(5000);
// prettier-ignore
export const QUERY_ENDPOINTS: QueryEndpoint[] = [
  {
    path: '/v1/feed', caller: ['integration'],
    params: [
      { name: 'after', certainlyRefused: true, bad: ['garbage', '-1', '0', '\u0000', 'eyJwIjoxfQ', "'; DROP TABLE events; --", LONG, '__proto__', 'NaN'] },
      { name: 'limit', certainlyRefused: true, bad: ['0', '-1', '1001', 'abc', '1.5', 'NaN', 'Infinity', '1e3', '0x10', ' 5', LONG, '99999999999999999999'] },
    ],
  },
  {
    path: '/v1/boards/cases', caller: ['board', CHAIR],
    params: [
      { name: 'status', certainlyRefused: true, bad: ['bogus', 'PENDING', 'pending ', "pending';--", '__proto__', '\u0000', LONG] },
      { name: 'status[$ne]', certainlyRefused: true, bad: ['pending'] },
      { name: 'boardId', certainlyRefused: true, bad: ['', 'not-a-uuid', `${UNKNOWN_ID}'; DROP TABLE documents; --`, '__proto__', '\u0000', LONG] },
      { name: 'courseId', certainlyRefused: true, bad: ['', 'not-a-uuid', `${UNKNOWN_ID}'; DROP TABLE documents; --`, '__proto__', '\u0000', LONG] },
      { name: 'foo', certainlyRefused: true, bad: ['bar'] },
      { name: '__proto__', certainlyRefused: true, bad: ['x'] },
      { name: 'constructor', certainlyRefused: true, bad: ['x'] },
    ],
  },
  {
    path: '/v1/appeals', caller: ['registry'],
    params: [
      { name: 'status', certainlyRefused: true, bad: ['bogus', 'LODGED', 'lodged ', 'open', "lodged';--", '__proto__', '\u0000', LONG] },
      { name: 'status[$ne]', certainlyRefused: true, bad: ['lodged'] },
    ],
  },
  {
    path: '/v1/audit', caller: ['registry'],
    params: [
      { name: 'stream', certainlyRefused: true, bad: ['', 'enrolment-', 'enrolment-not-a-uuid', `ENROLMENT-${UNKNOWN_ID}`, `enrolment-${UNKNOWN_ID}'; DROP TABLE events; --`, `enrolment-${UNKNOWN_ID}.case-x`, `enrolment-${UNKNOWN_ID}`, '__proto__', LONG, '\u0000'] },
      { name: 'correlationId', certainlyRefused: true, bad: ['abc'] },
    ],
  },
  { path: `/v1/awards/${UNKNOWN_ID}/credential`, caller: ['registry'], params: [{ name: 'check', certainlyRefused: true, bad: [LONG] }, { name: 'share', certainlyRefused: true, bad: [LONG] }] },
  { path: '/v1/enrolments/:enrolment', caller: ['registry'], params: [{ name: 'foo', certainlyRefused: false, bad: ['bar', LONG, '\u0000'] }] },
  {
    // A tutor never assigned: even a fine reason is refused (409), so every request here must be.
    method: 'DELETE', path: '/v1/courses/:course/tutors/tutor-never-assigned', caller: ['registry'],
    params: [
      { name: 'reason', certainlyRefused: true, bad: ['', ' ', LONG, '\u0000', "'; DROP TABLE events; --", '__proto__'] },
      { name: 'reason[$ne]', certainlyRefused: true, bad: ['x'] },
      { name: 'force', certainlyRefused: true, bad: ['true'] },
    ],
  },
  { path: '/health', caller: ['registry'], params: [{ name: 'verbose', certainlyRefused: false, bad: ['true', LONG] }] },
  { path: '/metrics', caller: ['registry'], params: [{ name: 'format', certainlyRefused: false, bad: ['json', '\u0000'] }] },
  { path: '/v1/operations/parked', caller: ['registry'], params: [{ name: 'consumer', certainlyRefused: false, bad: ['x', LONG, '\u0000', '__proto__'] }] },
  { path: '/v1/webhooks/subscriptions', caller: ['integration'], params: [{ name: 'status', certainlyRefused: false, bad: ['paused', '\u0000', LONG] }] },
  { path: '/v1/webhooks/dead-letters', caller: ['registry'], params: [{ name: 'subscriptionId', certainlyRefused: false, bad: ['not-a-uuid', '\u0000', LONG] }] },
  {
    path: '/v1/marking/queue', caller: ['tutor'],
    params: [
      { name: 'courseId', certainlyRefused: true, bad: ['', 'not-a-uuid', `${UNKNOWN_ID}'; DROP TABLE documents; --`, '__proto__', '\u0000', LONG] },
      { name: 'foo', certainlyRefused: true, bad: ['bar'] },
    ],
  },
  {
    path: '/v1/learners', caller: ['registry'],
    params: [
      // Free text: anything short is a search (answered 200); too long is refused.
      { name: 'search', certainlyRefused: false, bad: ["'; DROP TABLE documents; --", '\u0000', '__proto__', '%', '.*'] },
      { name: 'search', certainlyRefused: true, bad: [LONG] },
      { name: 'foo', certainlyRefused: true, bad: ['bar'] },
    ],
  },
  {
    path: '/v1/marking/queue.csv', caller: ['tutor'],
    params: [
      { name: 'courseId', certainlyRefused: true, bad: ['', 'not-a-uuid', `${UNKNOWN_ID}'; DROP TABLE documents; --`, '__proto__', '\u0000', LONG] },
      { name: 'foo', certainlyRefused: true, bad: ['bar'] },
    ],
  },
  // No parameters: a tutor always gets their own results, whatever is asked (like /v1/enrolments/:id).
  { path: '/v1/marking/moderation-results', caller: ['tutor'], params: [{ name: 'markerId', certainlyRefused: false, bad: ['someone-else'] }] },
];
