/** Values a client should never get a 5xx for, grouped by what they attack. */

export const INJECTION_STRINGS = [
  "'; DROP TABLE events; --",
  '" OR "1"="1',
  "1' OR '1'='1' /*",
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  '{"$gt": ""}',
  '<script>alert(1)</script>',
  '${process.exit(1)}',
  '{{constructor.constructor("return process")()}}',
  '../../../../etc/passwd',
  '%00',
  '\\u0000',
  'null',
  'undefined',
];

export const NUMBER_LIKE_STRINGS = ['NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x1F', '42', ' 7 ', '1_000', '1,5'];

export const UNICODE_STRINGS = [
  'Ünïcödé Ñame',
  '名前テスト',
  '👩🏽‍🎓🎓',
  'مرحبا بالعالم',
  '\u202Edesrever',
  'zero\u200Bwidth',
  'nul\u0000byte',
  'lone \uD800 surrogate',
  '\uFFFF\uFFFE',
  'e\u0301\u0301\u0301',
];

export const BLANK_STRINGS = [' ', '\t\n', '\u00A0'];

export const HOSTILE_STRINGS = [...INJECTION_STRINGS, ...NUMBER_LIKE_STRINGS, ...UNICODE_STRINGS, ...BLANK_STRINGS];

/** Values of the wrong JSON type for most fields. */
export const WRONG_TYPE_VALUES: readonly unknown[] = [
  0,
  -1,
  1.5,
  1e308,
  true,
  false,
  [],
  ['x'],
  {},
  { $where: '1' },
  { $gt: '' },
];

export const UNKNOWN_FIELD_NAMES = [
  'isAdmin',
  'role',
  'constructor',
  'prototype',
  '$where',
  'id',
  'learnerId ',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
];

/** Unknown to the system: a well-formed id that reaches the handler. */
export const UNKNOWN_ID = '0b6f9a52-3c1d-4e8f-9a7b-5d2c1e0f4a93';

export const NOT_A_UUID = [
  'not-a-uuid',
  '1',
  '0',
  '-1',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '%24where',
  encodeURIComponent("'; DROP TABLE events; --"),
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  encodeURIComponent('👩🏽‍🎓'),
  '6f1c2e0a3b7d4a519c1e2d8f0b7a9e43',
  '6f1c2e0a-3b7d-4a51-9c1e-2d8f0b7a9e4',
  '6f1c2e0a-3b7d-4a51-9c1e-2d8f0b7a9e43x',
  '{6f1c2e0a-3b7d-4a51-9c1e-2d8f0b7a9e43}',
  'g'.repeat(8) + '-3b7d-4a51-9c1e-2d8f0b7a9e43',
  'x'.repeat(2000),
];

export const MALFORMED_JSON = [
  '',
  ' ',
  '{',
  '{"a":',
  '{"a": 1,}',
  "{'a': 1}",
  '{"a": 1}}',
  '[1, 2',
  'nul',
  'tru',
  '{"a": NaN}',
  '{"a": Infinity}',
  '{"a": undefined}',
  '{"a": 01}',
  '{"a": 1e}',
  '{"a": "\\x41"}',
  '{"a": "unterminated}',
  '{"a": 1} trailing',
  '\u0000',
  '{"__proto__": {"isAdmin": true}}',
  '{"constructor": {"prototype": {"isAdmin": true}}}',
  '{"a": "\u0001raw control"}',
];

export const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/octet-stream',
  'image/png',
  'application/jsonx',
  'json',
];

export const BAD_IDEMPOTENCY_KEYS = [
  '',
  ' ',
  'a b',
  'a/b',
  'k'.repeat(201),
  "'; DROP TABLE events; --",
  'é',
  'a,b',
  '<key>',
];

/** `depth` nested arrays or objects, as JSON text (built as text: JSON.stringify would recurse). */
export const deeplyNestedJson = (depth: number, kind: 'array' | 'object'): string =>
  kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '{}' + '}'.repeat(depth);

export const hugeString = (length: number, unit = 'x'): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
