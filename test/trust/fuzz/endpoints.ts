import type { Role } from '#records-api';
import { boardBody, CHAIR, courseBody, EXTERNAL, learnerBody } from '../../support/fixtures.js';

/**
 * What each field accepts, which decides whether a hostile value is certainly refused:
 * `text` is free text (any non-empty string of sane length may be accepted), `format` a string
 * with a shape (UUID, date, email, enum, code), so any hostile string is refused.
 */
export type FieldKind =
  'text' | 'short-text' | 'format' | 'int' | 'number' | 'bool' | 'object' | 'strings' | 'objects' | 'uuids';

export interface Field {
  /** Dotted path into the body; numeric segments index arrays. */
  path: string;
  kind: FieldKind;
  optional?: boolean;
  /** Bounds the DTO itself enforces, so a number outside them is certainly refused. */
  range?: [number, number];
}

export interface Ids {
  course: string;
  learner: string;
  enrolment: string;
}

export interface CommandEndpoint {
  path: string;
  caller: [Role, string?];
  validBody: (ids: Ids) => Record<string, unknown>;
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

const text = (path: string, optional = false): Field => ({ path, kind: 'text', optional });
const format = (path: string, optional = false): Field => ({ path, kind: 'format', optional });
const int = (path: string, range?: [number, number], optional = false): Field => ({
  path,
  kind: 'int',
  range,
  optional,
});

/** Unknown to the system: a well-formed id that reaches the handler. */
export const UNKNOWN_ID = '0b6f9a52-3c1d-4e8f-9a7b-5d2c1e0f4a93';

/** Course codes must be unique; a counter keeps the corpus deterministic (courseBody's default is random). */
let courses = 0;

// prettier-ignore
export const COMMAND_ENDPOINTS: CommandEndpoint[] = [
  {
    path: '/v1/courses', caller: ['registry'],
    validBody: () => courseBody({ code: `FUZZ${++courses}`, passMark: 50, maxAttempts: 2, psrb: { body: 'BCS', recognition: 'CPD' }, qualityAssurance: 'QAA', assessmentType: 'Essay', issuerCountry: 'GB', withdrawnFrom: '2028-08-31' }),
    fields: [
      { path: 'code', kind: 'short-text' }, text('title'), text('awardingBody'), int('credits'), { path: 'level', kind: 'object' },
      format('level.framework'), int('level.level'), { path: 'hecosCodes', kind: 'strings' }, format('hecosCodes.0'), format('cahCode'),
      format('modeOfLearning'), text('aims'), { path: 'learningOutcomes', kind: 'strings' }, text('learningOutcomes.0'),
      { path: 'components', kind: 'objects' }, text('components.0.id'), text('components.0.title'), int('components.0.weight'),
      int('components.0.passMark', undefined, true), int('passMark', undefined, true), int('maxEngagementDays'),
      int('maxAttempts', undefined, true), { path: 'psrb', kind: 'object', optional: true }, text('psrb.body'), text('psrb.recognition'),
      text('qualityAssurance', true), text('assessmentType', true), format('issuerCountry', true), format('withdrawnFrom', true),
      { path: 'tutorIds', kind: 'strings', optional: true }, { path: 'tutorIds.0', kind: 'short-text' },
    ],
  },
  { path: '/v1/courses/:course/approval', caller: ['registry'], validBody: () => ({ approvedBy: 'Standards Committee', externalAdviser: 'Prof. Ortiz', approvedOn: '2026-11-20' }), fields: [text('approvedBy'), text('externalAdviser'), format('approvedOn')] },
  { path: '/v1/courses/:course/versions', caller: ['registry'], validBody: () => ({ ...courseBody(), reason: 'A new version' }), fields: [text('reason'), text('title'), int('credits'), { path: 'approval', kind: 'object', optional: true }, text('approval.approvedBy')] },
  { path: '/v1/courses/:course/withdrawal', caller: ['registry'], validBody: () => ({ withdrawnFrom: '2028-08-31', reason: 'Replaced' }), fields: [format('withdrawnFrom'), text('reason')] },
  { path: '/v1/courses/:course/tutors', caller: ['registry'], validBody: () => ({ tutorId: 'tutor-fuzz' }), fields: [{ path: 'tutorId', kind: 'short-text' }] },
  { path: '/v1/learners', caller: ['registry'], validBody: () => learnerBody(), fields: [{ path: 'givenName', kind: 'short-text' }, { path: 'familyName', kind: 'short-text' }, format('email')] },
  {
    path: '/v1/enrolments', caller: ['registry'], validBody: (ids) => ({ learnerId: ids.learner, courseId: ids.course, startDate: '2026-11-23' }),
    fields: [format('learnerId'), format('courseId'), format('startDate')],
  },
  { path: '/v1/enrolments/:enrolment/suspension', caller: ['registry'], validBody: () => ({ from: '2026-11-23', reason: 'Caring' }), fields: [format('from'), text('reason')] },
  { path: '/v1/enrolments/:enrolment/resumption', caller: ['registry'], validBody: () => ({ on: '2026-11-23' }), fields: [format('on')] },
  { path: '/v1/enrolments/:enrolment/extensions', caller: ['registry'], validBody: () => ({ days: 7, reason: 'Illness' }), fields: [int('days', [1, 365]), text('reason')] },
  {
    path: '/v1/enrolments/:enrolment/submissions', caller: ['registry'],
    validBody: () => ({ componentId: 'essay', submittedAt: '2026-11-23T08:00:00Z', identityVerification: 'single-sign-on' }),
    fields: [format('componentId'), format('submittedAt', true), format('identityVerification', true)],
  },
  { path: '/v1/enrolments/:enrolment/marks', caller: ['tutor'], validBody: () => ({ componentId: 'essay', mark: 64 }), fields: [format('componentId'), int('mark', [0, 100])] },
  {
    path: '/v1/enrolments/:enrolment/moderations', caller: ['examiner', EXTERNAL],
    validBody: () => ({ componentId: 'essay', decision: 'adjusted', mark: 55, reason: 'Second marking' }),
    fields: [format('componentId'), format('decision'), int('mark', [0, 100], true), text('reason')],
  },
  {
    path: '/v1/enrolments/:enrolment/mark-amendments', caller: ['tutor'], validBody: () => ({ componentId: 'essay', mark: 66, reason: 'Arithmetic' }),
    fields: [format('componentId'), int('mark', [0, 100]), text('reason')],
  },
  { path: '/v1/enrolments/:enrolment/mitigating-circumstances', caller: ['registry'], validBody: () => ({ reason: 'Hospitalised' }), fields: [text('reason')] },
  { path: '/v1/enrolments/:enrolment/integrity-flags', caller: ['registry'], validBody: () => ({ reason: 'Matching text' }), fields: [text('reason')] },
  // Another learner's token: a well-formed body is refused by ownership (403), a malformed one by validation.
  { path: '/v1/enrolments/:enrolment/learner-notes', caller: ['learner', 'learner-fuzz'], validBody: () => ({ note: 'Reading list done' }), fields: [text('note')] },
  {
    path: '/v1/boards', caller: ['registry'], validBody: (ids) => boardBody([ids.course], { delegatedAuthority: true, boundaryMargin: 3 }),
    fields: [
      text('name'), { path: 'courseIds', kind: 'uuids' }, format('courseIds.0'), { path: 'members', kind: 'objects' }, text('members.0.memberId'),
      text('members.0.name'), format('members.0.role'), { path: 'delegatedAuthority', kind: 'bool', optional: true }, int('boundaryMargin', undefined, true),
    ],
  },
  {
    path: `/v1/boards/cases/${UNKNOWN_ID}/decisions`, caller: ['board', CHAIR], validBody: () => ({ decision: 'amend', rationale: 'Discretion', mark: 60 }),
    fields: [format('decision'), text('rationale'), int('mark', [0, 100], true)],
  },
  { path: `/v1/awards/${UNKNOWN_ID}/revocation`, caller: ['registry'], validBody: () => ({ reason: 'Misconduct' }), fields: [text('reason')] },
  // Another learner's token: a well-formed body is refused by ownership or by the missing decision, a malformed one by validation.
  {
    path: '/v1/enrolments/:enrolment/appeals', caller: ['learner', 'learner-fuzz'],
    validBody: () => ({ grounds: ['administrative-error'], statement: 'Wrong rubric' }), fields: [{ path: 'grounds', kind: 'strings' }, text('statement')],
  },
  {
    path: `/v1/appeals/${UNKNOWN_ID}/outcome`, caller: ['registry'], validBody: () => ({ upheld: true, remedy: 'reopen-case', rationale: 'Wrong rubric' }),
    fields: [{ path: 'upheld', kind: 'bool' }, format('remedy', true), text('componentId', true), text('rationale')],
  },
  // An unknown learner: a valid body reaches the handler (404) and erases no one the other requests use.
  { path: `/v1/learners/${UNKNOWN_ID}/erasure`, caller: ['registry'], validBody: () => ({ reason: 'Erasure request under UK GDPR Article 17' }), fields: [text('reason')] },
  {
    path: '/v1/pathways', caller: ['registry'],
    validBody: (ids) => ({
      title: 'PgCert Data Science', awardingBody: 'University of Northshire', level: { framework: 'FHEQ', level: 7 }, totalCredits: 60, minCreditsAtLevel: 40,
      capstoneCourseId: ids.course, allowedCourseIds: [ids.course], consortiumPartners: ['Partner'], maxRplProportion: 0.5, creditAgeLimitYears: 5, setAside: false,
    }),
    fields: [
      text('title'), text('awardingBody'), { path: 'level', kind: 'object' }, format('level.framework'), int('level.level'), int('totalCredits'), int('minCreditsAtLevel'),
      format('capstoneCourseId', true), { path: 'allowedCourseIds', kind: 'uuids' }, format('allowedCourseIds.0'), { path: 'consortiumPartners', kind: 'strings', optional: true },
      text('consortiumPartners.0'), { path: 'maxRplProportion', kind: 'number', optional: true }, int('creditAgeLimitYears', undefined, true), { path: 'setAside', kind: 'bool', optional: true },
    ],
  },
  {
    path: '/v1/learners/:learner/credits', caller: ['registry'],
    validBody: () => ({ decision: 'recognised', kind: 'transfer', provider: 'Partner', title: 'Statistics', credits: 15, level: { framework: 'FHEQ', level: 7 }, awardedOn: '2025-06-30', evidenceRef: 'ref-1', reason: 'Mapped' }),
    fields: [
      format('decision'), format('kind'), text('provider'), text('title'), int('credits'), { path: 'level', kind: 'object' }, format('level.framework'), int('level.level'),
      format('awardedOn'), text('evidenceRef'), text('reason', true),
    ],
  },
  {
    path: '/v1/learners/:learner/access-rpl', caller: ['registry'], validBody: (ids) => ({ courseId: ids.course, decision: 'admitted', basis: 'Experience', evidenceRef: 'ref-2' }),
    fields: [format('courseId'), format('decision'), text('basis'), text('evidenceRef')],
  },
  { path: '/v1/credentials/verify', caller: ['registry'], validBody: () => ({ credential: 'a.b.c' }), fields: [text('credential')] },
  // Webhook endpoints on the discard port: nothing delivers in this test (no processes run).
  {
    path: '/v1/webhooks/subscriptions', caller: ['integration'],
    validBody: () => ({ url: 'http://127.0.0.1:9/hooks', eventTypes: ['credence.award.issued.v1'], description: 'HR system' }),
    fields: [format('url'), { path: 'eventTypes', kind: 'strings', optional: true }, format('eventTypes.0'), text('description', true)],
  },
  { path: `/v1/webhooks/subscriptions/${UNKNOWN_ID}/secret-rotation`, caller: ['registry'], validBody: () => ({ overlapHours: 24 }), fields: [int('overlapHours', [0, 168], true)] },
  { path: `/v1/webhooks/subscriptions/${UNKNOWN_ID}/dead-letter-replays`, caller: ['registry'], validBody: () => ({ eventId: UNKNOWN_ID }), fields: [format('eventId', true)] },
];

type IdPath = [method: 'GET' | 'POST' | 'DELETE', path: string, caller: [Role, string?], body?: (ids: Ids) => unknown];
const ANY_ENROLMENT_CHANGE = () => ({
  reason: 'x',
  from: '2026-11-23',
  on: '2026-11-23',
  days: 1,
  componentId: 'essay',
});

/** Every path with an id, as `[method, path with :id]`: each gets malformed ids. */
export const ID_PATHS: IdPath[] = [
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
      { name: 'foo', certainlyRefused: true, bad: ['bar'] },
      { name: '__proto__', certainlyRefused: true, bad: ['x'] },
      { name: 'constructor', certainlyRefused: true, bad: ['x'] },
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
