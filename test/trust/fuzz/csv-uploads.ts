import type { Role } from '#records-api';
import type { BadRequest } from './bad-requests.js';
import type { Ids } from './endpoints.js';
import { UNKNOWN_ID } from './hostile-values.js';

/** The bulk CSV uploads: each gets broken files (refused 400/413/415) and sheets whose every row is bad. */
export interface CsvEndpoint {
  path: string;
  caller: [Role, string?];
  header: string;
  /** Rows that each break a rule: answered 200 with every row an error, nothing appended. */
  badRows: (ids: Ids) => string[];
}

const ENROLMENT_HEADER = 'givenName,familyName,email,courseCode,startDate';
const MARK_HEADER = 'enrolmentId,componentId,mark,submittedAt';
const LONG = 'x'.repeat(5000);

const enrolmentRows = (): string[] => [
  'Amira,Okafor,not-an-email,NO-SUCH,2026-11-23',
  ',Okafor,a1@example.org,NO-SUCH,2026-11-23',
  `${LONG},Okafor,a2@example.org,NO-SUCH,2026-11-23`,
  'Amira,Okafor,a3@example.org,NO-SUCH,not-a-date',
  `"=cmd|' /C calc'!A0",Okafor,a4@example.org,'; DROP TABLE events; --,2026-11-23`,
  'Amira,Okafor,a5@example.org,__proto__,2026-11-23',
  'Amira,Okafor,"a6@example.org\u0000",NO-SUCH,2026-11-23',
];
const markRows = (ids: Ids): string[] => [
  `${ids.enrolment},essay,101`,
  `${ids.enrolment},essay,-1`,
  `${ids.enrolment},essay,6.5`,
  `${ids.enrolment},essay,sixty`,
  `${ids.enrolment},essay,1e2`,
  `${ids.enrolment},no-such-component,60`,
  `${ids.enrolment},__proto__,60`,
  `not-a-uuid,essay,60`,
  `${UNKNOWN_ID},essay,60`,
  `${ids.enrolment},essay,60,not-a-date`,
  `${ids.enrolment},essay,60,2099-01-01T00:00:00Z`,
  `${ids.enrolment}'; DROP TABLE events; --,essay,60`,
];

export const CSV_ENDPOINTS: CsvEndpoint[] = [
  { path: '/v1/bulk/enrolments/preview', caller: ['registry'], header: ENROLMENT_HEADER, badRows: enrolmentRows },
  { path: '/v1/bulk/enrolments', caller: ['registry'], header: ENROLMENT_HEADER, badRows: enrolmentRows },
  { path: '/v1/bulk/marks/preview', caller: ['registry'], header: MARK_HEADER, badRows: markRows },
  { path: '/v1/bulk/marks', caller: ['registry'], header: MARK_HEADER, badRows: markRows },
  { path: '/v1/bulk/marks', caller: ['tutor'], header: MARK_HEADER, badRows: markRows },
];

/** Files no upload accepts, whatever the endpoint. */
const brokenFiles = (header: string): [label: string, body: string, contentType: string][] => [
  ['empty body', '', 'text/csv'],
  ['header only', header, 'text/csv'],
  ['no header row', 'a,b,c\n1,2,3', 'text/csv'],
  ['unclosed quote', `${header}\n"abc,def`, 'text/csv'],
  ['quote inside an unquoted field', `${header}\nab"c,d`, 'text/csv'],
  ['JSON instead of CSV', JSON.stringify({ rows: [] }), 'application/json'],
  ['JSON array', '[]', 'application/json'],
  ['XML', '<rows/>', 'application/xml'],
  ['form data', 'a=b', 'application/x-www-form-urlencoded'],
  ['binary', '\u0000\u0001\u0002\uffff', 'application/octet-stream'],
  ['too many rows', [header, ...Array.from({ length: 10_001 }, () => 'a,b,c,d,e')].join('\n'), 'text/csv'],
  ['over the size limit', `${header}\n${'y'.repeat(4 * 1024 * 1024 + 10)}`, 'text/csv'],
];

export const csvRequests = (ids: Ids): BadRequest[] =>
  CSV_ENDPOINTS.flatMap((endpoint) => [
    ...brokenFiles(endpoint.header).map(([label, rawBody, contentType]): BadRequest => ({
      label: `POST ${endpoint.path}: ${label}`,
      method: 'POST',
      path: endpoint.path,
      caller: endpoint.caller,
      rawBody,
      contentType,
      certainlyRefused: true,
    })),
    ...endpoint.badRows(ids).map((row): BadRequest => ({
      label: `POST ${endpoint.path}: row ${row}`,
      method: 'POST',
      path: endpoint.path,
      caller: endpoint.caller,
      rawBody: `${endpoint.header}\n${row}`,
      contentType: 'text/csv',
      certainlyRefused: false,
      everyRowRefused: true,
    })),
  ]);
